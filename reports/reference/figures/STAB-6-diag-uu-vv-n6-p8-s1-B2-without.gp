# Drawn by irverify report from the figure data of a record
set terminal svg size 970,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uu-vv-n6-p8-s1-B2-without.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uu-vv-n6-p8-s1, B = 2 without replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
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
0.30272592210918531 -0.021190564096961934 -0.021224304714095234 -0.021156823479828633
0.33636213567687256 -0.02444316094950498 -0.024531604413948829 -0.024354717485061132
0.35990748517425364 -0.022233403886732613 -0.022402474114865265 -0.022064333658599961
0.380089213314866 -0.0075199796679346845 -0.0077760807018900716 -0.0072638786339792975
0.38513464535001907 -0.0017922493069574192 -0.0020683954395349512 -0.0015161031743798872
0.39018007738517213 0.0046119715757418503 0.0043232429361040941 0.0049007002153796065
0.40027094145547831 0.018628699212700123 0.018308386244336537 0.01894901218106371
0.44736164045024052 0.094165404961747592 0.09376790816303851 0.094562901760456675
EOD
$p0s1 << EOD
0.30272592210918531 1 0.85530177901667492 0.99999999999999989
0.33636213567687256 0.984375 0.82980047559271286 0.998773122829691
0.35990748517425364 0.953125 0.78381017742720438 0.99130705980665734
0.380089213314866 0.53125 0.33685007432569608 0.716606286862846
0.38513464535001907 0.15625 0.059189146445074114 0.3527908804809618
0.39018007738517213 0 0 0.14469822098332502
0.40027094145547831 0 0 0.14469822098332502
0.44736164045024052 0 0 0.14469822098332502
EOD
set arrow from 0.33636213567687256, graph 0 to 0.33636213567687256, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 0.38654663163748959, graph 0 to 0.38654663163748959, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 0.3364 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 0.3865 (Lambda = 0, Monte Carlo)'
unset multiplot
