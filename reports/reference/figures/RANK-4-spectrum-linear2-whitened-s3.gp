# Drawn by irverify report from the figure data of a record
set terminal svg size 440,352 dynamic font 'Helvetica,11' background '#ffffff'
set output 'RANK-4-spectrum-linear2-whitened-s3.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title ''
unset arrow
set autoscale
set title 'RANK-4: linear2-whitened-s3 (closed-form rank 2)' font ',10'
set xlabel 'k'
unset logscale x
set format x '% h'
set xrange [0.5:6.5]
set xtics autofreq norotate
set ylabel 'singular value'
set logscale y
set format y '1e%L'
set yrange [9.9999999999999997e-61:10]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
1 6.018808776120057
2 2.2889304449483263
3 0.25597598712082087
4 0.22840166977737794
5 0.17983965138327254
6 0.079290837992852858
EOD
$p0s1 << EOD
1 5.253183776120057
2 1.5233054449483263
3 9.9999999999999997e-61
4 9.9999999999999997e-61
5 9.9999999999999997e-61
6 9.9999999999999997e-61
EOD
$p0s2 << EOD
1 5.253183776120057
2 1.5233054449483263
3 5.7432651174238908e-51
4 1.3594215767991411e-51
5 3.6850824599163707e-52
6 3.673085162117175e-52
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 's_k (data M)', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'max(s_k - 2 lambda, 0)', \
     $p0s2 using 1:2 with points lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'GD + weight decay (mp50)'
unset multiplot
