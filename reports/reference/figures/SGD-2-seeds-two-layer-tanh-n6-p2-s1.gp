# Drawn by irverify report from the figure data of a record
set terminal svg size 440,352 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SGD-2-seeds-two-layer-tanh-n6-p2-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title ''
unset arrow
set autoscale
set title 'SGD-2: two-layer-tanh-n6-p2-s1, eps = 0.000977' font ',10'
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
16 6.0844481948207072e-08
32 2.9982327598330315e-08
64 7.362771369635564e-09
128 6.8601387725922533e-09
256 3.2705628896084944e-09
512 3.2162883498092912e-09
1024 1.8322800812673079e-09
2048 7.2936447458516534e-10
4096 1.4307292796655212e-09
8192 5.5923364550667195e-10
16384 1.0344436333372013e-09
32768 6.0767540431700009e-10
65536 5.1866740085546102e-10
EOD
$p0s1 << EOD
16 7.204419847426563e-11
32 3.49617814851091e-11
64 1.227961041229984e-11
128 1.3397296018577203e-11
256 1.0091316316087986e-11
512 2.2095884267967582e-12
1024 8.7214925890896482e-12
2048 5.3797711772062794e-12
4096 4.1603627023121073e-12
8192 2.3885684608486051e-12
16384 1.2313357408807274e-12
32768 5.4965663219660035e-13
65536 4.9815834750758468e-13
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'plain', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'antithetic', \
     2.4337792779282829e-07*x**(-0.5) with lines dt 2 lc rgb 'gray30' title 'slope -1/2'
unset multiplot
