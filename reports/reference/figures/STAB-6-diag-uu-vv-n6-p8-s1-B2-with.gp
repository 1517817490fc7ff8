# Drawn by irverify report from the figure data of a record
set terminal svg size 949,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uu-vv-n6-p8-s1-B2-with.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uu-vv-n6-p8-s1, B = 2 with replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
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
0.27174178296908486 -0.019099980406260222 -0.019135657305859498 -0.019064303506660947
0.30193531441009425 -0.021935803683926766 -0.022016190681685879 -0.021855416686167653
0.32307078641880088 -0.021916551984951769 -0.022051405957916471 -0.021781698011987066
0.34118690528340651 -0.014684384922833849 -0.014868574774042666 -0.014500195071625033
0.35024496471570932 -0.0072675457907470046 -0.0074958379754836869 -0.0070392536060103223
0.35477399443186075 -0.0026834544668075124 -0.0029332182648527444 -0.0024336906687622804
0.35930302414801213 0.0024132282691888803 0.0021459407218352906 0.00268051581654247
0.40157396816542534 0.063702437768903303 0.063320528283895172 0.064084347253911433
EOD
$p0s1 << EOD
0.27174178296908486 1 0.85530177901667492 0.99999999999999989
0.30193531441009425 1 0.85530177901667492 0.99999999999999989
0.32307078641880088 1 0.85530177901667492 0.99999999999999989
0.34118690528340651 0.875 0.68373191024374091 0.95774442401876536
0.35024496471570932 0.546875 0.35061240327210919 0.72957213851070413
0.35477399443186075 0.40625 0.2325007092127043 0.6071302072216691
0.35930302414801213 0.0625 0.014064726513569548 0.23754621684683985
0.40157396816542534 0 0 0.14469822098332502
EOD
set arrow from 0.30193531441009425, graph 0 to 0.30193531441009425, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 0.35715857390279271, graph 0 to 0.35715857390279271, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 0.3019 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 0.3572 (Lambda = 0, Monte Carlo)'
unset multiplot
