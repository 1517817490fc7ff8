# Drawn by irverify report from the figure data of a record
set terminal svg size 949,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'STAB-6-diag-uv-n6-p8-s1-B2-without.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,1 title 'STAB-6: diag-uv-n6-p8-s1, B = 2 without replacement: the Lyapunov exponent Lambda(eta) and the fraction of SGD runs that return'
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
0.9428126321618916 -0.02118069804809139 -0.021212353503944865 -0.021149042592237915
1.0475695912909906 -0.02429091973540624 -0.024373566848402126 -0.024208272622410355
1.12089946268136 -0.011872028440128342 -0.012078949133782265 -0.011665107746474418
1.1366130065507249 -0.00461230193469752 -0.0048348380097351165 -0.0043897658596599234
1.1523265504200897 0.0035607264571287894 0.0033179417977402216 0.0038035111165173573
1.1837536381588194 0.021115016694955979 0.020857415189489848 0.021372618200422109
1.2466078136362788 0.057468442743603278 0.057170390424978512 0.057766495062228043
1.3932675564170176 0.14250901208561875 0.1421253013914513 0.14289272277978621
EOD
$p0s1 << EOD
0.9428126321618916 1 0.85530177901667492 0.99999999999999989
1.0475695912909906 1 0.85530177901667492 0.99999999999999989
1.12089946268136 0.828125 0.62948459292977876 0.9318071995499142
1.1366130065507249 0.5625 0.36453543798767685 0.74237728438940742
1.1523265504200897 0.046875 0.0086929401933427131 0.21618982257279556
1.1837536381588194 0 0 0.14469822098332502
1.2466078136362788 0 0 0.14469822098332502
1.3932675564170176 0 0 0.14469822098332502
EOD
set arrow from 1.0475695912909906, graph 0 to 1.0475695912909906, graph 1 nohead dt 3 lw 1.5 lc rgb '#ff7f0e'
set arrow from 1.1454806631053145, graph 0 to 1.1454806631053145, graph 1 nohead dt 3 lw 1.5 lc rgb '#9467bd'
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Lambda (Monte Carlo, 99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 axes x1y2 title 'fraction returned (99.9% Wilson)', \
     0*x**(0) with lines lc rgb 'gray30' notitle, \
     NaN with lines dt 3 lw 1.5 lc rgb '#ff7f0e' title 'eta* = 1.0476 (mean square)', \
     NaN with lines dt 3 lw 1.5 lc rgb '#9467bd' title 'eta_L = 1.1455 (Lambda = 0, Monte Carlo)'
unset multiplot
