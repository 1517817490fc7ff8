# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,702 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SGD-3.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title 'SGD-3: Shuffled SGD: the eps^2 coefficient of the mean iterate'
unset arrow
set autoscale
set title 'least-squares-n8-p4-s1: eps^2 coefficient, Richardson over 8 levels' font ',10'
set xlabel 'eps'
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
0.03125 0.03756580374562829
0.015625 0.018821966000402323
0.0078125 0.0094207490368331225
0.00390625 0.0047128160281642694
0.001953125 0.0023570183915926431
0.0009765625 0.0011786617901831378
0.00048828125 0.00058936904368942118
0.000244140625 0.00029469405899431716
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2'
unset arrow
set autoscale
set title 'diag-uv-n5-p3-s1: eps^2 coefficient, Richardson over 8 levels' font ',10'
set xlabel 'eps'
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
0.015625 0.10249435086222829
0.0078125 0.051875282255078058
0.00390625 0.026097311517527685
0.001953125 0.013088909994669908
0.0009765625 0.0065545610296411224
0.00048828125 0.0032798123568946766
0.000244140625 0.0016405398072749625
0.0001220703125 0.00082042839448072012
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2'
unset arrow
set autoscale
set title 'diag-uu-vv-n5-p3-s1: eps^2 coefficient, Richardson over 8 levels' font ',10'
set xlabel 'eps'
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
0.00390625 0.14904408434325905
0.001953125 0.074848072013052755
0.0009765625 0.037506168265990486
0.00048828125 0.018773695779147923
0.000244140625 0.0093920106541109383
0.0001220703125 0.0046972972517185831
6.103515625e-05 0.0023489717613354275
3.0517578125e-05 0.0011745666838330032
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2'
unset arrow
set autoscale
set title 'two-layer-tanh-n6-p2-s1: eps^2 coefficient, Richardson over 8 levels' font ',10'
set xlabel 'eps'
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
0.03125 0.044391397722787607
0.015625 0.022364842370687286
0.0078125 0.011224819646073837
0.00390625 0.0056230227106309431
0.001953125 0.0028141661854665665
0.0009765625 0.0014077469981041157
0.00048828125 0.00070403949992326018
0.000244140625 0.00035206125323292983
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2'
unset arrow
set autoscale
set title 'least-squares-n8-p4-s1-m8: eps^2 coefficient, Richardson over 8 levels' font ',10'
set xlabel 'eps'
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
0.0078125 0.094378504654141382
0.00390625 0.047281093421714812
0.001953125 0.023663545680125995
0.0009765625 0.011837527424886871
0.00048828125 0.0059202029643101832
0.000244140625 0.0029604613708510974
0.0001220703125 0.0014803206670670726
6.103515625e-05 0.00074018283012744252
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|D(eps) - C2|, D = (E[theta_m] - theta0 + m eps g)/eps^2'
unset multiplot
