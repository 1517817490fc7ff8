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
1 3.3106889452024983
2 1.0746708690814686
3 0.41105236579148652
4 0.18191736312390164
5 0.10520737653478872
6 0.053269442512424478
EOD
$p0s1 << EOD
1 2.6466264452024983
2 0.41060836908146853
3 9.9999999999999997e-61
4 9.9999999999999997e-61
5 9.9999999999999997e-61
6 9.9999999999999997e-61
EOD
$p0s2 << EOD
1 2.6466264452024983
2 0.41060836908146853
3 1.0798066716680826e-51
4 3.0557060381571158e-52
5 2.3969369093649779e-52
6 1.5886685347100942e-53
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 's_k (data M)', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'max(s_k - 2 lambda, 0)', \
     $p0s2 using 1:2 with points lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'GD + weight decay (mp50)'
unset multiplot
