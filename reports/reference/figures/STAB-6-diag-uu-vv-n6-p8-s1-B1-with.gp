# Drawn by irverify report from the figure data of a record
set terminal svg size 949,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uu-vv-n6-p8-s1-B1-with.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uu-vv-n6-p8-s1, B = 1 with replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
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
0.1775873420460268 -0.012689267809913385 -0.012729046276806101 -0.012649489343020669
0.19731926894002977 -0.013335787802056149 -0.013433109593242254 -0.013238466010870044
0.2042254433529308 -0.0079667687477942683 -0.0080880607460194192 -0.0078454767495691174
0.20767853055938135 -0.0040004702032507538 -0.0041280150826296944 -0.0038729253238718136
0.20940507416260662 -0.0018303129205516104 -0.0019660061736524745 -0.001694619667450746
0.21113161776583186 0.00046237430313508869 0.00032434859896056048 0.00060040000730961695
0.2348099300386354 0.036326454793361662 0.036131672144240234 0.03652123744248309
EOD
$p0s1 << EOD
0.1775873420460268 1 0.85530177901667492 0.99999999999999989
0.19731926894002977 0.984375 0.82980047559271286 0.998773122829691
0.2042254433529308 0.96875 0.80615428608580642 0.99569113174232626
0.20767853055938135 0.828125 0.62948459292977876 0.9318071995499142
0.20940507416260662 0.625 0.42187003769385995 0.79195540706030876
0.21113161776583186 0.15625 0.059189146445074114 0.3527908804809618
0.2348099300386354 0 0 0.14469822098332502
EOD
set arrow from 0.19731926894002977, graph 0 to 0.19731926894002977, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 0.21078341963957811, graph 0 to 0.21078341963957811, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 0.1973 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 0.2108 (Lambda = 0, Monte Carlo)'
unset multiplot
