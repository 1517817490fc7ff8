# Drawn by irverify report from the figure data of a record
set terminal svg size 928,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uv-n6-p8-s1-B1-with.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uv-n6-p8-s1, B = 1 with replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
unset arrow
set autoscale
set title 'Lambda on the left axis, the fraction returned on the right' font ',10'
set xlabel 'eta'
unset logscale x
set format x '% h'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'Lambda (per step)'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
set y2label 'fraction returned'
unset logscale y2
set format y2 '% h'
set y2range [-0.050000000000000003:1.05]
set y2tics autofreq norotate
set ytics nomirror
set y2tics
$p0s0 << EOD
0.54747144052442787 -0.012469827121205961 -0.01250612015124709 -0.012433534091164832
0.60830160058269755 -0.0038118321395263469 -0.0038814702942481533 -0.0037421939848045404
0.61362423958779622 -0.00089678546469750551 -0.00096947086200531863 -0.00082410006738969238
0.61894687859289477 0.0020516065210899308 0.0019736448336367461 0.0021295682085431156
0.62959215660309198 0.0079985054028388156 0.0079094638528240981 0.0080875469528535332
0.6508827126234864 0.020058256048070055 0.019946252827700243 0.020170259268439867
0.7238789046934101 0.061708129978231892 0.061522557131262257 0.061893702825201527
EOD
$p0s1 << EOD
0.54747144052442787 1 0.85530177901667492 0.99999999999999989
0.60830160058269755 1 0.85530177901667492 0.99999999999999989
0.61362423958779622 0.71875 0.51316505044727856 0.8610294778725166
0.61894687859289477 0.015625 0.0012268771703089626 0.17019952440728714
0.62959215660309198 0 0 0.14469822098332502
0.6508827126234864 0 0 0.14469822098332502
0.7238789046934101 0 0 0.14469822098332502
EOD
set arrow from 0.60830160058269755, graph 0 to 0.60830160058269755, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 0.61524317808600593, graph 0 to 0.61524317808600593, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 0.6083 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 0.6152 (Lambda = 0, Monte Carlo)'
unset multiplot
