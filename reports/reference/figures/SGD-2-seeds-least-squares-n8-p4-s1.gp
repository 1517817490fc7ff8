# Drawn by irverify report from the figure data of a record
set terminal svg size 440,352 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SGD-2-seeds-least-squares-n8-p4-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title ''
unset arrow
set autoscale
set title 'SGD-2: least-squares-n8-p4-s1, eps = 0.000977' font ',10'
set xlabel 'epochs'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel '|estimate - exact mean|'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
16 9.1876573151684154e-08
32 1.0099256166264427e-07
64 1.8588044569852508e-08
128 4.0091957222409612e-08
256 2.1139582481753498e-08
512 1.2954916863213133e-08
1024 1.7997757612494546e-08
2048 1.9678939515285281e-08
4096 8.627910147618896e-09
8192 5.6265733368408272e-09
16384 5.1787569016743646e-10
32768 1.3473622014775626e-09
65536 1.3555466657969379e-09
EOD
$p0s1 << EOD
16 6.5839431909664598e-11
32 5.4848472768962426e-11
64 3.0483124800068257e-11
128 2.9472617995235493e-11
256 4.0931148024990431e-12
512 6.6381201345361659e-12
1024 3.0778358886664e-12
2048 3.0727508595891008e-12
4096 5.9486646023749204e-12
8192 2.0994840520218566e-12
16384 1.3674272770926094e-12
32768 8.5205976663065763e-13
65536 1.6456080073132552e-13
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'plain', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'antithetic', \
     3.6750629260673662e-07*x**(-0.5) with lines dt 2 lc rgb 'gray30' title 'slope -1/2'
unset multiplot
