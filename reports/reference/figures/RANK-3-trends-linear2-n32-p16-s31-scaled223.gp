# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,734 dynamic font 'Helvetica,11' background '#ffffff'
set output '/work/main/reports/reference/figures/RANK-3-trends-linear2-n32-p16-s31-scaled223.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title 'RANK-3: linear2-n32-p16-s31-scaled223 (epsilon = 0.001)'
unset arrow
set autoscale
set title 'B' font ',10'
set xlabel 'B'
set logscale x
set format x '1e%L'
set xrange [0.80000000000000004:20]
set xtics ('1' 1, '2' 2, '4' 4, '8' 8, '16' 16) rotate by 30 right
set ylabel 'epsilon-rank at the end'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
1 1 1 1
2 1 1 1
4 1 1 1
8 1 1 1
16 1 1 1
EOD
$p0s1 << EOD
1 1 1 1
2 1 1 1
4 1 1 1
8 1 1 1
16 1 1 1
EOD
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'W1', \
     $p0s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'W2'
unset arrow
set autoscale
set title 'mu' font ',10'
set xlabel 'mu'
set logscale x
set format x '1e%L'
set xrange [0.019999999999999997:0.25]
set xtics ('0.025' 0.024999999999999994, '0.05' 0.049999999999999989, '0.1' 0.10000000000000001, '0.2' 0.20000000000000001) rotate by 30 right
set ylabel 'epsilon-rank at the end'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p1s0 << EOD
0.024999999999999994 13.890625 13.761235780160112 14.020014219839888
0.049999999999999989 1 1 1
0.10000000000000001 1 1 1
0.20000000000000001 1 1 1
EOD
$p1s1 << EOD
0.024999999999999994 13 13 13
0.049999999999999989 1 1 1
0.10000000000000001 1 1 1
0.20000000000000001 1 1 1
EOD
plot $p1s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'W1', \
     $p1s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'W2'
unset arrow
set autoscale
set title 'lambda' font ',10'
set xlabel 'lambda'
set logscale x
set format x '1e%L'
set xrange [0.0049999999999999992:0.062499999999999986]
set xtics ('0.00625' 0.0062499999999999986, '0.0125' 0.012499999999999997, '0.025' 0.024999999999999994, '0.05' 0.049999999999999989) rotate by 30 right
set ylabel 'epsilon-rank at the end'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p2s0 << EOD
0.0062499999999999986 13 13 13
0.012499999999999997 1 1 1
0.024999999999999994 1 1 1
0.049999999999999989 1 1 1
EOD
$p2s1 << EOD
0.0062499999999999986 13 13 13
0.012499999999999997 1 1 1
0.024999999999999994 1 1 1
0.049999999999999989 1 1 1
EOD
plot $p2s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'W1', \
     $p2s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'W2'
unset arrow
set autoscale
set title 'mu at lambda = 0' font ',10'
set xlabel 'mu'
set logscale x
set format x '1e%L'
set xrange [0.019999999999999997:0.25]
set xtics ('0.025' 0.024999999999999994, '0.05' 0.049999999999999989, '0.1' 0.10000000000000001, '0.2' 0.20000000000000001) rotate by 30 right
set ylabel 'epsilon-rank at the end'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p3s0 << EOD
0.024999999999999994 15.375 15.174300050622678 15.575699949377322
0.049999999999999989 16 16 16
0.10000000000000001 16 16 16
0.20000000000000001 15.21875 15.047369791666666 15.390130208333334
EOD
$p3s1 << EOD
0.024999999999999994 16 16 16
0.049999999999999989 16 16 16
0.10000000000000001 15.40625 15.202644212478145 15.609855787521855
0.20000000000000001 15.84375 15.693225037967009 15.994274962032991
EOD
plot $p3s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'W1', \
     $p3s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'W2'
unset arrow
set autoscale
set title 'spectra at the end, per lambda' font ',10'
set xlabel 'k'
unset logscale x
set format x '% h'
set xrange [0.5:16.5]
set xtics autofreq norotate
set ylabel 's_k / s_1 of W1 (run 0)'
set logscale y
set format y '1e%L'
set yrange [1.0000000000000001e-17:2]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p4s0 << EOD
1 1
2 0.0054015051957858069
3 0.0048909564883035219
4 0.0043538319351333378
5 0.0036327151743922137
6 0.0034252128373241293
7 0.0032596451152690016
8 0.0024630144228985468
9 0.0020589538509393941
10 0.0016706769759971766
11 0.0015789603539097289
12 0.0013524529689013067
13 0.00091221880244703722
14 0.00069171845108209726
15 0.0003570399393750295
16 0.00017033229229308438
EOD
$p4s1 << EOD
1 1
2 0.00011440251962282734
3 0.00010257377980276629
4 9.2496549026060214e-05
5 7.3887117232125543e-05
6 7.2272418797695933e-05
7 6.7537794204451676e-05
8 5.1836386090459899e-05
9 4.2956424043813152e-05
10 3.4369506873379663e-05
11 3.2600814358217667e-05
12 2.7964741579074842e-05
13 1.941551639940311e-05
14 1.4132093096082971e-05
15 7.47391201129749e-06
16 3.2228894788264838e-06
EOD
$p4s2 << EOD
1 1
2 4.7517297056903342e-08
3 4.2935893468278403e-08
4 3.8329116302855561e-08
5 3.1535130968250568e-08
6 2.9883860573333639e-08
7 2.735929174387083e-08
8 2.1542912461620901e-08
9 1.7405711009990659e-08
10 1.5261855328365416e-08
11 1.4269689798746835e-08
12 1.1516043361377514e-08
13 7.9910103832441185e-09
14 5.8952926999855027e-09
15 2.8570126452779541e-09
16 1.420523952663126e-09
EOD
$p4s3 << EOD
1 1
2 2.8631425200756981e-14
3 2.6217732609596735e-14
4 2.3658821537104948e-14
5 1.9025200886996248e-14
6 1.8083211724508068e-14
7 1.7326837956306643e-14
8 1.3058319364038993e-14
9 1.0574649960116381e-14
10 9.3018895841878664e-15
11 8.4307145887954071e-15
12 6.909591608861045e-15
13 4.8499466634043873e-15
14 3.7075810861823226e-15
15 1.8220427809785313e-15
16 9.1334342096722407e-16
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'lambda = 0.00625', \
     $p4s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'lambda = 0.0125', \
     $p4s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'lambda = 0.025', \
     $p4s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'lambda = 0.05'
unset multiplot
