# Drawn by irverify report from the figure data of a record
set terminal svg size 880,366 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-4.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'LN-4: At large eta label-noise GD ends at the minimizer of the log form of R, not of tr H/4'
unset arrow
set autoscale
set title 'diag-uv-n2-p3-s5: end point at large eta' font ',10'
set xlabel 'lambda'
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
0.015625 0.31618760372057192 0.31003279474577466 0.32234241269536917
0.00390625 0.086567283209908488 0.084014416776041892 0.089120149643775085
0.0009765625 0.024804953092762233 0.023540036899657366 0.0260698692858671
EOD
$p0s1 << EOD
0.015625 1.2685617579084685 1.2633880390430188 1.2737354767739182
0.00390625 1.4835951212579579 1.4814016053897676 1.4857886371261482
0.0009765625 1.5413832621522445 1.5402898318413754 1.5424766924631137
EOD
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "end point vs R's minimizer", \
     $p0s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "end point vs tr H/4's minimizer"
unset arrow
set autoscale
set title 'diag-uv-n3-p5-s4: end point at large eta' font ',10'
set xlabel 'lambda'
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
0.015625 0.038195236592787521 0.034804893427871894 0.041585579757703148
0.00390625 0.017126181120875977 0.015574669339365492 0.01867769290238646
0.0009765625 0.0038090868710448874 0.0030558578913530538 0.0045623158507367206
EOD
$p1s1 << EOD
0.015625 1.0836073377331805 1.0804252908766789 1.0867893845896821
0.00390625 1.1039656490951002 1.1025273251807439 1.1054039730094565
0.0009765625 1.1165750805721737 1.1158794531647434 1.117270707979604
EOD
plot $p1s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "end point vs R's minimizer", \
     $p1s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "end point vs tr H/4's minimizer"
unset multiplot
