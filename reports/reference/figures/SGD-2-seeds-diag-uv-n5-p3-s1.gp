# Drawn by irverify report from the figure data of a record
set terminal svg size 440,352 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SGD-2-seeds-diag-uv-n5-p3-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title ''
unset arrow
set autoscale
set title 'SGD-2: diag-uv-n5-p3-s1, eps = 0.000488' font ',10'
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
16 5.2713994967735476e-08
32 8.2541366096109631e-09
64 7.5159302206330296e-09
128 3.265777578155445e-09
256 7.47856769487821e-09
512 5.3343484924143429e-09
1024 6.0586216724856625e-09
2048 4.9580435381039221e-09
4096 2.3214699897486752e-09
8192 5.3497825909348124e-10
16384 8.1170865901516839e-10
32768 7.2705111648369866e-10
65536 1.8148773704338781e-10
EOD
$p0s1 << EOD
16 3.1246452905324516e-11
32 2.8687733895355152e-11
64 1.3508768724951634e-11
128 9.4966260352791596e-12
256 5.0291055353728425e-12
512 3.784761896733196e-12
1024 4.2841562899028152e-12
2048 1.9815418549673887e-12
4096 2.6644272356798276e-12
8192 1.5328791174397771e-12
16384 5.6088989404217549e-13
32768 2.4951810481445526e-13
65536 1.6538184360512369e-13
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'plain', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'antithetic', \
     2.108559798709419e-07*x**(-0.5) with lines dt 2 lc rgb 'gray30' title 'slope -1/2'
unset multiplot
