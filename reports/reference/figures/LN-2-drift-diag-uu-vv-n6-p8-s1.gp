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
0.0001 0.97742855766826342 0.97336219954394942 0.98149491579257742
2.5000000000000001e-05 0.99620091700252189 0.99197644553012621 1.0004253884749177
6.2500000000000003e-06 1.0004923442792171 0.9962468782345163 1.004737810323918
EOD
$p0s1 << EOD
0 1.0019228200381156 0.99608967842023355 1.0077559616559977
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
0.0001 0.9975820092616221 0.99680433283389525 0.99835968568934896
2.5000000000000001e-05 0.9997974005397553 0.99901463773269894 1.0005801633468117
6.2500000000000003e-06 0.9997913210611844 0.9990083940408343 1.0005742480815345
EOD
$p1s1 << EOD
0 0.99978929456832633 0.99871327757552275 1.0008653115611299
EOD
plot $p1s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p1s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]'
unset multiplot
