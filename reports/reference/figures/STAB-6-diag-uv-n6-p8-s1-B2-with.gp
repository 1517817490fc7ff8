# Drawn by irverify report from the figure data of a record
set terminal svg size 928,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uv-n6-p8-s1-B2-with.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uv-n6-p8-s1, B = 2 with replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
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
0.84329788152646468 -0.019004637536449785 -0.019038785192887979 -0.018970489880011591
0.93699764614051628 -0.021736215763169323 -0.021814922244636017 -0.021657509281702628
1.0025874813703526 -0.020484797580417571 -0.020620250072431651 -0.020349345088403491
1.0588073401387834 -0.0068401393241592457 -0.0070854719334855652 -0.0065948067148329263
1.072862304830891 -0.0010930515400633923 -0.0013534711336451806 -0.00083263194648160383
1.0869172695229987 0.0053301783599284383 0.0050505665114450073 0.0056097902084118693
1.1150271989072142 0.019457148171185986 0.019153042008826875 0.019761254333545097
1.2462068693668866 0.09228049486870421 0.091890227170015992 0.092670762567392428
EOD
$p0s1 << EOD
0.84329788152646468 1 0.85530177901667492 0.99999999999999989
0.93699764614051628 1 0.85530177901667492 0.99999999999999989
1.0025874813703526 1 0.85530177901667492 0.99999999999999989
1.0588073401387834 0.5 0.30980390317929429 0.69019609682070571
1.072862304830891 0.25 0.11753436169279025 0.45481474879887224
1.0869172695229987 0.015625 0.0012268771703089626 0.17019952440728714
1.1150271989072142 0 0 0.14469822098332502
1.2462068693668866 0 0 0.14469822098332502
EOD
set arrow from 0.93699764614051628, graph 0 to 0.93699764614051628, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 1.075254061165545, graph 0 to 1.075254061165545, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 0.9370 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 1.0753 (Lambda = 0, Monte Carlo)'
unset multiplot
