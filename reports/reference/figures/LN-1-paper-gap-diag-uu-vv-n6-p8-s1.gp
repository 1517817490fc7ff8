# Drawn by irverify report from the figure data of a record
set terminal svg size 440,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-1-paper-gap-diag-uu-vv-n6-p8-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'LN-1: diag-uu-vv-n6-p8-s1'
unset arrow
set autoscale
set title 'GD: equal to rounding, not drawn' font ',10'
set xlabel 'eta / eta* (eta* the scheme mean-square threshold)'
unset logscale x
set format x '% h'
set xrange [0:1]
set xtics autofreq norotate
set ylabel '|S_paper - S|_F / |S|_F'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
0.10000000000000001 0.074411784610223616
0.25 0.19257281985756328
0.5 0.41197585119004204
0.75 0.67215002543032154
0.90000000000000002 0.85825497079921309
0.98999999999999999 0.98546764898469863
EOD
$p0s1 << EOD
0.10000000000000001 0.057708201633834444
0.25 0.15275153198049599
0.5 0.34233852244128099
0.75 0.59775449633632849
0.90000000000000002 0.81292431593175363
0.98999999999999999 0.98020407764892725
EOD
$p0s2 << EOD
0.10000000000000001 0.051663658323793424
0.25 0.13781889093363733
0.5 0.31422942471068149
0.75 0.56460378211219364
0.90000000000000002 0.79110560800806851
0.98999999999999999 0.97741146604165885
EOD
$p0s3 << EOD
0.10000000000000001 0.029191235746605017
0.25 0.079988820710094624
0.5 0.19453813099069472
0.75 0.39757481385936488
0.90000000000000002 0.65664861039757638
0.98999999999999999 0.95560363472679022
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'B = 1 with replacement', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'B = 2 with replacement', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'B = 2 without replacement', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'B = 6 with replacement'
unset multiplot
