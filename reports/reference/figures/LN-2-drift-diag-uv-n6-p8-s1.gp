# Drawn by irverify report from the figure data of a record
set terminal svg size 880,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-2-drift-diag-uv-n6-p8-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'LN-2: diag-uv-n6-p8-s1'
unset arrow
set autoscale
set title 'B = N = 6 without replacement (GD), eta = 1.608' font ',10'
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
0.0001 0.97466519412742614 0.97035957488677671 0.97897081336807557
2.5000000000000001e-05 0.99480524026642592 0.99032782054000812 0.99928265999284371
6.2500000000000003e-06 0.99983787053692974 0.99534132716427381 1.0043344139095856
EOD
$p0s1 << EOD
0 1.0015154139604299 0.99533704916200871 1.0076937787588509
EOD
plot $p0s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]', \
     0.16443756537245072*x**(0) with lines dt 2 lc rgb 'gray30' title 'control: tr H/4 form'
unset arrow
set autoscale
set title 'B = 1 with replacement, eta = 0.3042' font ',10'
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
0.0001 0.99613521571385832 0.99537766502443303 0.99689276640328361
2.5000000000000001e-05 0.9993988444627665 0.99863776590702491 1.0001599230185081
6.2500000000000003e-06 0.99962754180186764 0.99886813811098207 1.0003869454927532
EOD
$p1s1 << EOD
0 0.99970377424823431 0.99865993815958509 1.0007476103368835
EOD
plot $p1s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p1s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]'
unset multiplot
