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
0.0001 0.97472086426971483 0.97068739339734733 0.97875433514208232
2.5000000000000001e-05 0.99739672544192104 0.99315036588616612 1.0016430849976761
6.2500000000000003e-06 0.99869116120079804 0.99444047984363637 1.0029418425579597
EOD
$p0s1 << EOD
0 0.99912263978709082 0.99328098627803574 1.004964293296146
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
0.0001 0.99842917319754143 0.99764645877407032 0.99921188762101254
2.5000000000000001e-05 0.99970986407965956 0.99892554504534814 1.0004941831139711
6.2500000000000003e-06 0.99971390907018354 0.99893363114477096 1.0004941869955961
EOD
$p1s1 << EOD
0 0.99971525740035694 0.99864254046545853 1.0007879743352555
EOD
plot $p1s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p1s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]'
unset multiplot
