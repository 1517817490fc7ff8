# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,734 dynamic font 'Helvetica,11' background '#ffffff'
set output 'BEA-4.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title "BEA-4: Game updates as partitioned Euler: GAME-1's fields by coloured B-series"
unset arrow
set autoscale
set title "bilinear: simultaneous updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
0.125 0.00023231282141081657
0.0625 2.8895098761362326e-05
0.03125 3.603881519604075e-06
0.015625 4.5001558749925978e-07
0.0078125 5.6223555099697301e-08
0.00390625 7.0261996374955623e-09
0.001953125 8.7816683909614219e-10
0.0009765625 1.0976412674943147e-10
EOD
$p0s1 << EOD
0.125 0.0037691266912143989
0.0625 0.0009735843036427276
0.03125 0.00024746998838048878
0.015625 6.238705589528124e-05
0.0078125 1.5662362335981023e-05
0.00390625 3.9238315005959283e-06
0.001953125 9.8199056862004777e-07
0.0009765625 2.4562689029783648e-07
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     0.11785833366570174*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset arrow
set autoscale
set title "bilinear: alternating updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p1s0 << EOD
0.125 0.00011338656829606982
0.0625 1.4276503757891081e-05
0.03125 1.7913241478597871e-06
0.015625 2.2434670395575206e-07
0.0078125 2.8070538219339524e-08
0.00390625 3.5105248580590816e-09
0.001953125 4.3892256310710772e-10
0.0009765625 5.4872012312167609e-11
EOD
$p1s1 << EOD
0.125 0.0039687959144126331
0.0625 0.00099839489155275902
0.03125 0.00025056250505886871
0.015625 6.2773083700580094e-05
0.0078125 1.5710582684076516e-05
0.00390625 3.9298569867121606e-06
0.001953125 9.8274362620469059e-07
0.0009765625 2.4572101449738281e-07
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     0.058918374586617306*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset arrow
set autoscale
set title "quadratic: simultaneous updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p2s0 << EOD
0.125 0.0019952325715461381
0.0625 0.00025335395141765825
0.03125 3.1917968229761293e-05
0.015625 4.0053666775289441e-06
0.0078125 5.016497440043796e-07
0.00390625 6.2767485712931758e-08
0.001953125 7.8497676925397503e-09
0.0009765625 9.8146054701829535e-10
EOD
$p2s1 << EOD
0.125 0.0086025739919633418
0.0625 0.0025473155078643704
0.03125 0.00068887349754741213
0.015625 0.00017887455103691866
0.0078125 4.5560071310465207e-05
0.00390625 1.1495786474546135e-05
0.001953125 2.8872045970529066e-06
0.0009765625 7.2346070470637752e-07
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     1.0538352379394622*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset arrow
set autoscale
set title "quadratic: alternating updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p3s0 << EOD
0.125 0.0017363371826976627
0.0625 0.00022472064237487373
0.03125 2.855002851313162e-05
0.015625 3.5968551059751284e-06
0.0078125 4.5134280278579894e-07
0.00390625 5.6525702860303787e-08
0.001953125 7.0724335197097408e-09
0.0009765625 8.8447360181427928e-10
EOD
$p3s1 << EOD
0.125 0.0087828832281363588
0.0625 0.0025706532046214977
0.03125 0.00069180404724337584
0.015625 0.00017924086197566706
0.0078125 4.5605836946497331e-05
0.00390625 1.1501505064346769e-05
0.001953125 2.8879192685969887e-06
0.0009765625 7.2355002852323156e-07
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     0.94969629849191395*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset arrow
set autoscale
set title "cubic: simultaneous updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p4s0 << EOD
0.125 0.0045437902422653916
0.0625 0.00061900613689571814
0.03125 8.0635418120688656e-05
0.015625 1.0283766771305442e-05
0.0078125 1.2982316762968444e-06
0.00390625 1.630756877547728e-07
0.001953125 2.0434222650680801e-08
0.0009765625 2.5573867504024289e-09
EOD
$p4s1 << EOD
0.125 0.0031957984167472558
0.0625 0.00039335866915982196
0.03125 9.5918570057154325e-05
0.015625 2.9491407593395426e-05
0.0078125 8.3123090344614639e-06
0.00390625 2.2069892947759242e-06
0.001953125 5.6847840380589472e-07
0.0009765625 1.4424687466119898e-07
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p4s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     2.7459731140505368*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset arrow
set autoscale
set title "cubic: alternating updates, alpha = 1, lambda = 0.5: GAME-1's ladder with the B-series field" font ',10'
set xlabel 'h'
set logscale x
set format x '1e%L'
set xrange [*:*]
set xtics autofreq norotate
set ylabel 'error'
set logscale y
set format y '1e%L'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p5s0 << EOD
0.125 0.0048591205775825813
0.0625 0.00065940844950435876
0.03125 8.5719300115847305e-05
0.015625 1.0920258364132559e-05
0.0078125 1.3778182911606008e-06
0.00390625 1.7302435201017375e-07
0.001953125 2.1677787279490028e-08
0.0009765625 2.7128299309520058e-09
EOD
$p5s1 << EOD
0.125 0.0033428174102625038
0.0625 0.00039726395291356681
0.03125 9.3921725942890149e-05
0.015625 2.9157028052456227e-05
0.0078125 8.2679041864284485e-06
0.00390625 2.2013296349596186e-06
0.001953125 5.6776542586003346e-07
0.0009765625 1.4415744280042689e-07
EOD
plot $p5s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of the B-series field through h', \
     $p5s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the flow of the own-rate table (GAME-2)', \
     2.9128789582622008*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3'
unset multiplot
