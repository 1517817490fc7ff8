# Drawn by irverify report from the figure data of a record
set terminal svg size 440,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-1-paper-gap-least-squares-n8-p12-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'LN-1: least-squares-n8-p12-s1'
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
0.10000000000000001 0.075960642429644898
0.25 0.19537665915044927
0.5 0.41436970690218389
0.75 0.67456337655558529
0.90000000000000002 0.86356787424513515
0.98999999999999999 0.98674672189542534
EOD
$p0s1 << EOD
0.10000000000000001 0.059113336869364583
0.25 0.15530008513171331
0.5 0.3447631446987891
0.75 0.60247164819934107
0.90000000000000002 0.82188767461413248
0.98999999999999999 0.98188405636224896
EOD
$p0s2 << EOD
0.10000000000000001 0.054887307495900137
0.25 0.14493251291736445
0.5 0.32552911119582933
0.75 0.58048773715368818
0.90000000000000002 0.80795061565216297
0.98999999999999999 0.98011658767259213
EOD
$p0s3 << EOD
0.10000000000000001 0.023955853586782327
0.25 0.065459078422235473
0.5 0.16036758674443496
0.75 0.34440106935312326
0.90000000000000002 0.60936059655462682
0.98999999999999999 0.94580256754597758
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'B = 1 with replacement', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'B = 2 with replacement', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'B = 2 without replacement', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'B = 8 with replacement'
unset multiplot
