# Drawn by irverify report from the figure data of a record
set terminal svg size 440,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-1-paper-gap-diag-uv-n6-p8-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'LN-1: diag-uv-n6-p8-s1'
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
0.10000000000000001 0.066883634167230935
0.25 0.17421663109390653
0.5 0.37943542698403754
0.75 0.64244705223590959
0.90000000000000002 0.84907088323729496
0.98999999999999999 0.98573943487080762
EOD
$p0s1 << EOD
0.10000000000000001 0.052199121821348581
0.25 0.13905977565304684
0.5 0.31770413238827799
0.75 0.57724738408614862
0.90000000000000002 0.81017491976703182
0.98999999999999999 0.98105468130213624
EOD
$p0s2 << EOD
0.10000000000000001 0.04689803854486458
0.25 0.12592740930630109
0.5 0.29289475710487162
0.75 0.54800967187145633
0.90000000000000002 0.79085244849139635
0.98999999999999999 0.97851090926428086
EOD
$p0s3 << EOD
0.10000000000000001 0.026942110964132966
0.25 0.074397739561606752
0.5 0.18535540284548893
0.75 0.39570458157367616
0.90000000000000002 0.6659791221895599
0.98999999999999999 0.95799218680691345
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'B = 1 with replacement', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'B = 2 with replacement', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'B = 2 without replacement', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'B = 6 with replacement'
unset multiplot
