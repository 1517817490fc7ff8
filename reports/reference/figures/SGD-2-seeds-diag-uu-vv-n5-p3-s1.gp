# Drawn by irverify report from the figure data of a record
set terminal svg size 440,352 dynamic font 'Helvetica,11' background '#ffffff'
set output 'SGD-2-seeds-diag-uu-vv-n5-p3-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title ''
unset arrow
set autoscale
set title 'SGD-2: diag-uu-vv-n5-p3-s1, eps = 0.000122' font ',10'
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
16 9.7200527980649522e-09
32 6.4108754159150744e-09
64 2.8455772249135364e-09
128 1.9794065247058186e-09
256 1.0891319693406023e-09
512 8.7658835043154412e-10
1024 1.7316878266822974e-09
2048 1.9564019198210885e-09
4096 9.6754231835404308e-10
8192 4.3472621787300294e-10
16384 2.9647540674288289e-10
32768 3.7013852974793278e-10
65536 1.7243742993766026e-10
EOD
$p0s1 << EOD
16 5.5735704941793097e-12
32 5.2581305493522051e-12
64 1.9589068881505848e-12
128 1.9011673098695937e-12
256 7.6120195984788018e-13
512 3.3531079321203772e-13
1024 1.292723971918149e-13
2048 2.5037095407747052e-13
4096 3.4184100912961081e-13
8192 2.4474256564526486e-13
16384 1.2394516371879275e-13
32768 5.2927866851900624e-14
65536 3.5892155634356157e-14
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'plain', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'antithetic', \
     3.8880211192259809e-08*x**(-0.5) with lines dt 2 lc rgb 'gray30' title 'slope -1/2'
unset multiplot
