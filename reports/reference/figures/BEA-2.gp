# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,798 dynamic font 'Helvetica,11' background '#ffffff'
set output 'BEA-2.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title "BEA-2: Shuffled SGD's mean epoch field by coloured B-series: Smith's F1 and RR-3's F2 exactly"
unset arrow
set autoscale
set title "cubic-batches toy: the B-series field against RR-3's tape, and through RR-3's ladder" font ',10'
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
0.03125 2.7829559770385261e-05
0.015625 3.6314212549581492e-06
0.0078125 4.6381738135754395e-07
0.00390625 5.8605916661113446e-08
0.001953125 7.365366079110271e-09
0.0009765625 9.2315768745963869e-10
0.00048828125 1.1555046422409962e-10
0.000244140625 1.4453552608041168e-11
EOD
$p0s1 << EOD
0.03125 6.122611116524229e-07
0.015625 4.1051880210023676e-08
0.0078125 2.6550100737212912e-09
0.00390625 1.6876170011173682e-10
0.001953125 1.0636367575537767e-11
0.0009765625 6.6755491648567378e-13
0.00048828125 4.1809244996847003e-14
0.000244140625 2.6158005035763143e-15
EOD
$p0s2 << EOD
0.03125 1.7211828529243516e-05
0.015625 2.2197020676146483e-06
0.0078125 2.8199352146844131e-07
0.00390625 3.5540910274576078e-08
0.001953125 4.4611165718372656e-09
0.0009765625 5.5880449070897528e-10
0.00048828125 6.9923635013019035e-11
0.000244140625 8.7450298124464451e-12
EOD
$p0s3 << EOD
0.03125 3.536368495738196e-07
0.015625 2.290313872718584e-08
0.0078125 1.4566774246205956e-09
0.00390625 9.1833762331591073e-11
0.001953125 5.7643861088465012e-12
0.0009765625 3.6104905174041049e-13
0.00048828125 2.2589792340753868e-14
0.000244140625 1.4126192636307704e-15
EOD
$p0s4 << EOD
0.03125 0.00052364395258778368
0.015625 0.00013899504275088285
0.0078125 3.5773924232957119e-05
0.00390625 9.0724755882201904e-06
0.001953125 2.2842941094635642e-06
0.0009765625 5.7309854083311139e-07
0.00048828125 1.4352795420820282e-07
0.000244140625 3.5913665378457215e-08
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps (Smith et al.)', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps^2', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'the series through eps^2 without its T trees (wrong)', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'with replacement: E over the m^m draws vs flow of its series through eps^2', \
     $p0s4 using 1:2 with linespoints lc rgb '#9467bd' pt 9 ps 0.69999999999999996 title 'with replacement vs flow of the shuffled series through eps^2 (wrong sampling)', \
     0.99324057220083717*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.73628238582386529*x**(4) with lines dt 2 lc rgb 'gray30' title 'claimed slope 4', \
     0.39761697433149512*x**(4) with lines dt 2 lc rgb 'gray30' notitle
unset arrow
set autoscale
set title "least-squares-n8-p4-s1: the B-series field against RR-3's tape, and through RR-3's ladder" font ',10'
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
0.03125 3.491450161497651e-05
0.015625 4.4978405642822065e-06
0.0078125 5.7068403763867206e-07
0.00390625 7.1867235364775397e-08
0.001953125 9.0167419921692923e-09
0.0009765625 1.1291796015698859e-09
0.00048828125 1.4127798004658606e-10
0.000244140625 1.7667908793342818e-11
EOD
$p1s1 << EOD
0.03125 1.0867814454192608e-06
0.015625 6.991127001616296e-08
0.0078125 4.4322640071081278e-09
0.00390625 2.7899032427730888e-10
0.001953125 1.7498749903281422e-11
0.0009765625 1.0956075272081962e-12
0.00048828125 6.85360019990862e-14
0.000244140625 4.2853923958637833e-15
EOD
$p1s2 << EOD
0.03125 2.5817118270332411e-07
0.015625 1.6720565800306578e-08
0.0078125 1.0636446355777589e-09
0.00390625 6.7064556938680971e-11
0.001953125 4.2099532545602658e-12
0.0009765625 2.6369893792058693e-13
0.00048828125 1.6499230545726413e-14
0.000244140625 1.0317661892068156e-15
EOD
$p1s3 << EOD
0.03125 0.00042728807834118272
0.015625 0.00010840034039999158
0.0078125 2.7289901463117775e-05
0.00390625 6.8456957928951634e-06
0.001953125 1.7142935908705422e-06
0.0009765625 4.2893000696824504e-07
0.00048828125 1.0727694566679584e-07
0.000244140625 2.6824783604441468e-08
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps (Smith et al.)', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps^2', \
     $p1s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'with replacement: E over the m^m draws vs flow of its series through eps^2', \
     $p1s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'with replacement vs flow of the shuffled series through eps^2 (wrong sampling)', \
     1.2141294472978916*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     1.2062307248217807*x**(4) with lines dt 2 lc rgb 'gray30' title 'claimed slope 4', \
     0.29041636407783072*x**(4) with lines dt 2 lc rgb 'gray30' notitle
unset arrow
set autoscale
set title "diag-uv-n5-p3-s1: the B-series field against RR-3's tape, and through RR-3's ladder" font ',10'
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
0.015625 1.047108959218615e-05
0.0078125 1.3656086416696007e-06
0.00390625 1.7440035246961334e-07
0.001953125 2.2036248792662782e-08
0.0009765625 2.7694531119311919e-09
0.00048828125 3.4711928725578657e-10
0.000244140625 4.3448671614047037e-11
0.0001220703125 5.4347614353606244e-12
EOD
$p2s1 << EOD
0.015625 2.8325370912929387e-07
0.0078125 1.8640676241643935e-08
0.00390625 1.1958402030767789e-09
0.001953125 7.5727179258388166e-11
0.0009765625 4.764193831335419e-12
0.00048828125 2.9874479297199906e-13
0.000244140625 1.8702356823669595e-14
0.0001220703125 1.1698615732908981e-15
EOD
$p2s2 << EOD
0.015625 2.4684003096601933e-06
0.0078125 3.0255897986454173e-07
0.00390625 3.7407982544327407e-08
0.001953125 4.6490731738732102e-09
0.0009765625 5.7941440662194324e-10
0.00048828125 7.2318163353353316e-11
0.000244140625 9.0329445503399198e-12
0.0001220703125 1.128690326675906e-12
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps (Smith et al.)', \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps^2', \
     $p2s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'the series through eps^2 without its T trees (wrong)', \
     2.9877916961837951*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     5.2685881455479509*x**(4) with lines dt 2 lc rgb 'gray30' title 'claimed slope 4'
unset arrow
set autoscale
set title "two-layer-tanh-n6-p2-s1: the B-series field against RR-3's tape, and through RR-3's ladder" font ',10'
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
0.03125 3.0398737751199967e-05
0.015625 3.9913849939350436e-06
0.0078125 5.1137472557232692e-07
0.00390625 6.4715384623825072e-08
0.001953125 8.1395030422668291e-09
0.0009765625 1.0205830595257196e-09
0.00048828125 1.2776993169613526e-10
0.000244140625 1.5983571919106903e-11
EOD
$p3s1 << EOD
0.03125 1.1191535420953112e-06
0.015625 7.4028107823933377e-08
0.0078125 4.7600842196240308e-09
0.00390625 3.0176524879695345e-10
0.001953125 1.8994937080852188e-11
0.0009765625 1.1914134812483518e-12
0.00048828125 7.4595894180384304e-14
0.000244140625 4.6663913665607434e-15
EOD
$p3s2 << EOD
0.03125 4.449282489244736e-06
0.015625 5.2051655497439012e-07
0.0078125 6.2613950471115898e-08
0.00390625 7.6667400112455187e-09
0.001953125 9.4813308474433657e-10
0.0009765625 1.1787210823655639e-10
0.00048828125 1.4693531126108715e-11
0.000244140625 1.8341550375641916e-12
EOD
$p3s3 << EOD
0.03125 6.9688818540778026e-07
0.015625 4.634305438172421e-08
0.0078125 2.9880037000735558e-09
0.00390625 1.8968369688058182e-10
0.001953125 1.1948049368795561e-11
0.0009765625 7.4967174989454868e-13
0.00048828125 4.6945976591609256e-14
0.000244140625 2.9369871158483877e-15
EOD
$p3s4 << EOD
0.03125 0.00017139995318025503
0.015625 4.375063137706379e-05
0.0078125 1.1041470018677387e-05
0.00390625 2.7727271720571129e-06
0.001953125 6.9468594274354239e-07
0.0009765625 1.7385688175159342e-07
0.00048828125 4.3487228751678733e-08
0.000244140625 1.0874672768381277e-08
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps (Smith et al.)', \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'E[theta_m] vs flow of the series through eps^2', \
     $p3s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'the series through eps^2 without its T trees (wrong)', \
     $p3s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'with replacement: E over the m^m draws vs flow of its series through eps^2', \
     $p3s4 using 1:2 with linespoints lc rgb '#9467bd' pt 9 ps 0.69999999999999996 title 'with replacement vs flow of the shuffled series through eps^2 (wrong sampling)', \
     1.0983826986532497*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     1.3134724012254915*x**(4) with lines dt 2 lc rgb 'gray30' title 'claimed slope 4', \
     0.82668838003292167*x**(4) with lines dt 2 lc rgb 'gray30' notitle
unset multiplot
