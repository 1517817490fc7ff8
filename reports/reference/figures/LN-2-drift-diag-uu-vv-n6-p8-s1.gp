# Drawn by irverify report from the figure data of a record
set terminal svg size 880,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-2-drift-diag-uu-vv-n6-p8-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'LN-2: diag-uu-vv-n6-p8-s1'
unset arrow
set autoscale
set title 'B = N = 6 without replacement (GD), eta = 0.5031' font ',10'
set xlabel 'sigma^2'
unset logscale x
set format x '% h'
set xrange [-5.0000000000000004e-06:0.00010500000000000002]
set xtics autofreq norotate
set ylabel 'drift along the exact direction / exact'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
0.0001 0.9774285576682652 0.97336219954395131 0.98149491579257908
2.5000000000000001e-05 0.99620091700252289 0.99197644553012709 1.0004253884749188
6.2500000000000003e-06 1.0004923442792244 0.99624687823452351 1.0047378103239253
EOD
$p0s1 << EOD
0 1.0019228200381256 0.99608967842024354 1.0077559616560077
EOD
plot $p0s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]', \
     0.16059831573962771*x**(0) with lines dt 2 lc rgb 'gray30' title 'control: tr H/4 form'
unset arrow
set autoscale
set title 'B = 1 with replacement, eta = 0.09866' font ',10'
set xlabel 'sigma^2'
unset logscale x
set format x '% h'
set xrange [-5.0000000000000004e-06:0.00010500000000000002]
set xtics autofreq norotate
set ylabel 'drift along the exact direction / exact'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p1s0 << EOD
0.0001 0.99758200926162566 0.99680433283389924 0.99835968568935207
2.5000000000000001e-05 0.99979740053973754 0.99901463773268107 1.0005801633467939
6.2500000000000003e-06 0.99979132106114876 0.99900839404079855 1.000574248081499
EOD
$p1s1 << EOD
0 0.99978929456828713 0.99871327757548334 1.0008653115610908
EOD
plot $p1s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p1s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]'
unset multiplot
