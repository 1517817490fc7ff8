# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,702 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SDE-3.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title 'SDE-3: SVAG converges to the stochastic modified equation at O(1/l)'
unset arrow
set autoscale
set title 'least-squares-n8-p2-s1: B = 1 with replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
1 0.023131915862618715
0.5 0.011121337495669919
0.25 0.005456858481244364
0.125 0.0027033181181225826
0.0625 0.0013454821202409006
0.03125 0.00067120917217814065
0.015625 0.00033522314167194306
0.0078125 0.00016751639970317503
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.021442099162006404*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'least-squares-n8-p2-s1: B = 2 with replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p1s0 << EOD
1 0.023131915862618715
0.5 0.011121337495669919
0.25 0.005456858481244364
0.125 0.0027033181181225826
0.0625 0.0013454821202409006
0.03125 0.00067120917217814065
0.015625 0.00033522314167194306
0.0078125 0.00016751639970317503
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.021442099162006404*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'least-squares-n8-p2-s1: B = 2 without replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p2s0 << EOD
1 0.023131915862618715
0.5 0.011121337495669919
0.25 0.005456858481244364
0.125 0.0027033181181225826
0.0625 0.0013454821202409006
0.03125 0.00067120917217814065
0.015625 0.00033522314167194306
0.0078125 0.00016751639970317503
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.021442099162006404*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'least-squares-n16-p8-s1: B = 1 with replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p3s0 << EOD
1 0.11700453604086544
0.5 0.05488871718158847
0.25 0.026608414648556417
0.125 0.013103011273269646
0.0625 0.0065021431355714362
0.03125 0.0032388457619565506
0.015625 0.0016163806441640296
0.0078125 0.00080743153117400371
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.10335123599027247*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'least-squares-n16-p8-s1: B = 2 with replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p4s0 << EOD
1 0.065842818932292102
0.5 0.030587874241076937
0.25 0.014761324379490235
0.125 0.0072532451857301736
0.0625 0.0035954510372657946
0.03125 0.0017900159283177892
0.015625 0.00089309085468581651
0.0078125 0.0004460674283211055
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.057096630825101503*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'least-squares-n16-p8-s1: B = 2 without replacement, eta = 0.25, T = 1' font ',10'
set xlabel '1/l'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p5s0 << EOD
1 0.062497184718218246
0.5 0.029010552916685438
0.25 0.013994827985735828
0.125 0.0068753385516514016
0.0625 0.0034078090284960093
0.03125 0.0016965197930258605
0.015625 0.00084642363779957055
0.0078125 0.00042275398695461764
EOD
plot $p5s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'SVAG (r = (1 +- sqrt(2l - 1))/2) against SME1', \
     0.054112510330191058*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset multiplot
