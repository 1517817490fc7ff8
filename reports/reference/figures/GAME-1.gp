# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,1134 dynamic font 'Helvetica,11' background '#ffffff'
set output 'GAME-1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 3,3 title 'GAME-1: Discretization drift of two-player games: simultaneous and alternating updates'
unset arrow
set autoscale
set title 'bilinear: simultaneous updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.0043294734413236073
0.0625 0.0010871891742764074
0.03125 0.0002723831049211704
0.015625 6.8167936325359436e-05
0.0078125 1.7050936927215059e-05
0.00390625 4.2638491235175415e-06
0.001953125 1.0661013784648074e-06
0.0009765625 2.6654271530628283e-07
EOD
$p0s1 << EOD
0.125 0.00023231282141081657
0.0625 2.8895098761362326e-05
0.03125 3.603881519604075e-06
0.015625 4.5001558749925978e-07
0.0078125 5.6223555099697301e-08
0.00390625 7.0261996374955623e-09
0.001953125 8.7816683909614219e-10
0.0009765625 1.0976412674943147e-10
EOD
$p0s2 << EOD
0.125 0.0022644746202035459
0.0625 0.0005611810052324976
0.03125 0.00013958381605972764
0.015625 3.4801298656554681e-05
0.0078125 8.6881407900119735e-06
0.00390625 2.1704904131203622e-06
0.001953125 5.4242814906599544e-07
0.0009765625 1.355826459303333e-07
EOD
$p0s3 << EOD
0.125 0.0043294734413236073
0.0625 0.0010871891742764074
0.03125 0.0002723831049211704
0.015625 6.8167936325359436e-05
0.0078125 1.7050936927215059e-05
0.00390625 4.2638491235175415e-06
0.001953125 1.0661013784648074e-06
0.0009765625 2.6654271530628283e-07
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the simultaneous modified field', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the simultaneous modified flow at T = 1', \
     $p0s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one update vs the field without interaction terms (wrong)', \
     0.11785833366570174*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.14216870853904517*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'bilinear: alternating updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.0042566110027618953
0.0625 0.0010780859131942053
0.03125 0.00027124548764520724
0.015625 6.8025752499345849e-05
0.0078125 1.70331651004214e-05
0.00390625 4.2616277173069178e-06
0.001953125 1.0658237072024834e-06
0.0009765625 2.6650800668078382e-07
EOD
$p1s1 << EOD
0.125 0.00011338656829606982
0.0625 1.4276503757891081e-05
0.03125 1.7913241478597871e-06
0.015625 2.2434670395575206e-07
0.0078125 2.8070538219339524e-08
0.00390625 3.5105248580590816e-09
0.001953125 4.3892256310710772e-10
0.0009765625 5.4872012312167609e-11
EOD
$p1s2 << EOD
0.125 0.0010784780639453225
0.0625 0.00027355051921392322
0.03125 6.8892113992107586e-05
0.015625 1.7286945923896717e-05
0.0078125 4.329780924362483e-06
0.00390625 1.0834542476639316e-06
0.001953125 2.7098990651612322e-07
0.0009765625 6.7763283337425359e-08
EOD
$p1s3 << EOD
0.125 0.0040701235178029725
0.0625 0.00099696876266664358
0.03125 0.00024668732406259733
0.015625 6.1353262640415594e-05
0.0078125 1.5298538676879559e-05
0.00390625 3.8196651355891736e-06
0.001953125 9.5429524889362509e-07
0.0009765625 2.3849619248168945e-07
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the alternating modified field', \
     $p1s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the alternating modified flow at T = 1', \
     $p1s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one alternating update vs the simultaneous field (wrong)', \
     0.058918374586617306*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.071054952588824133*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'quadratic: simultaneous updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.016756432270434728
0.0625 0.004277278249505358
0.03125 0.001080515949435433
0.015625 0.00027153956141815524
0.0078125 6.8061903747942691e-05
0.00390625 1.7037645917501586e-05
0.001953125 4.2621854360576861e-06
0.0009765625 1.0658932729968049e-06
EOD
$p2s1 << EOD
0.125 0.0019952325715461381
0.0625 0.00025335395141765825
0.03125 3.1917968229761293e-05
0.015625 4.0053666775289441e-06
0.0078125 5.016497440043796e-07
0.00390625 6.2767485712931758e-08
0.001953125 7.8497676925397503e-09
0.0009765625 9.8146054701829535e-10
EOD
$p2s2 << EOD
0.125 0.0066905711792060573
0.0625 0.0015895673356358493
0.03125 0.00038779836334790891
0.015625 9.5796411337360009e-05
0.0078125 2.3807723959586e-05
0.00390625 5.9344283658580433e-06
0.001953125 1.4814297694998809e-06
0.0009765625 3.7008593056849226e-07
EOD
$p2s3 << EOD
0.125 0.012845498621988359
0.0625 0.0031513089229313444
0.03125 0.00078001387803596173
0.015625 0.0001940112622249646
0.0078125 4.8377934236432038e-05
0.00390625 1.2078823627866677e-05
0.001953125 3.0177454219241327e-06
0.0009765625 7.541911114159285e-07
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the simultaneous modified field', \
     $p2s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the simultaneous modified flow at T = 1', \
     $p2s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one update vs the field without interaction terms (wrong)', \
     1.0538352379394622*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.38806322473178734*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'quadratic: alternating updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.010151528085409058
0.0625 0.0026485366734699573
0.03125 0.00067624122805160587
0.015625 0.00017084107115407777
0.0078125 4.2933955274348899e-05
0.00390625 1.0761518177573169e-05
0.001953125 2.6938874961938288e-06
0.0009765625 6.7391063581499007e-07
EOD
$p3s1 << EOD
0.125 0.0017363371826976627
0.0625 0.00022472064237487373
0.03125 2.855002851313162e-05
0.015625 3.5968551059751284e-06
0.0078125 4.5134280278579894e-07
0.00390625 5.6525702860303787e-08
0.001953125 7.0724335197097408e-09
0.0009765625 8.8447360181427928e-10
EOD
$p3s2 << EOD
0.125 0.0014357799614753198
0.0625 0.0003586331217946434
0.03125 8.9697701349214794e-05
0.015625 2.2434029316371121e-05
0.0078125 5.6099941686800587e-06
0.00390625 1.4027021224409016e-06
0.001953125 3.5070208083826214e-07
0.0009765625 8.7678907749005633e-08
EOD
$p3s3 << EOD
0.125 0.0073536037623829608
0.0625 0.0018841401232271191
0.03125 0.00047889397461135693
0.015625 0.00012084812948098951
0.0078125 3.0361727951674732e-05
0.00390625 7.6097200669602219e-06
0.001953125 1.9048772239842968e-06
0.0009765625 4.7652747499021666e-07
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the alternating modified field', \
     $p3s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the alternating modified flow at T = 1', \
     $p3s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one alternating update vs the simultaneous field (wrong)', \
     0.94969629849191395*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.091937998371821331*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'cubic: simultaneous updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.026125244070452452
0.0625 0.0069076548836105285
0.03125 0.0017783071457797214
0.015625 0.00045130287617805258
0.0078125 0.00011368639929718059
0.00390625 2.8530464556905812e-05
0.001953125 7.1463053309716469e-06
0.0009765625 1.788292585960428e-06
EOD
$p4s1 << EOD
0.125 0.0045437902422653916
0.0625 0.00061900613689571814
0.03125 8.0635418120688656e-05
0.015625 1.0283766771305442e-05
0.0078125 1.2982316762968444e-06
0.00390625 1.630756877547728e-07
0.001953125 2.0434222650680801e-08
0.0009765625 2.5573867504024289e-09
EOD
$p4s2 << EOD
0.125 0.0060775283978355471
0.0625 0.0014945158995626343
0.03125 0.00037132269726554044
0.015625 9.2588020346702406e-05
0.0078125 2.311941240306199e-05
0.00390625 5.7765720574692186e-06
0.001953125 1.4437432937071445e-06
0.0009765625 3.608865061349183e-07
EOD
$p4s3 << EOD
0.125 0.0069820701575331991
0.0625 0.0012920771338441306
0.03125 0.00026312649692787805
0.015625 5.8537502208866506e-05
0.0078125 1.3774423736170239e-05
0.00390625 3.3404012302248951e-06
0.001953125 8.2252319752061508e-07
0.0009765625 2.0408079119432378e-07
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p4s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the simultaneous modified field', \
     $p4s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the simultaneous modified flow at T = 1', \
     $p4s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one update vs the field without interaction terms (wrong)', \
     2.7459731140505368*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.37841692905692809*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'cubic: alternating updates, alpha = 1, lambda = 1/2' font ',10'
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
0.125 0.026542813205456137
0.0625 0.0070020675306520369
0.03125 0.0018006587079837392
0.015625 0.00045673411015023191
0.0078125 0.00011502461462535497
0.00390625 2.8862568610136097e-05
0.001953125 7.2290250842809673e-06
0.0009765625 1.8089342394961561e-06
EOD
$p5s1 << EOD
0.125 0.0048591205775825813
0.0625 0.00065940844950435876
0.03125 8.5719300115847305e-05
0.015625 1.0920258364132559e-05
0.0078125 1.3778182911606008e-06
0.00390625 1.7302435201017375e-07
0.001953125 2.1677787279490028e-08
0.0009765625 2.7128299309520058e-09
EOD
$p5s2 << EOD
0.125 0.0059735476656886562
0.0625 0.0014824175394871544
0.03125 0.00036994872629077789
0.015625 9.2446713263145773e-05
0.0078125 2.3109136836637716e-05
0.00390625 5.7771218058638478e-06
0.001953125 1.4442697975646772e-06
0.0009765625 3.610667188051812e-07
EOD
$p5s3 << EOD
0.125 0.0066358786014512573
0.0625 0.0014071166799194137
0.03125 0.00033320552692001602
0.015625 8.2424254985669957e-05
0.0078125 2.0607132994751714e-05
0.00390625 5.1593777123471181e-06
0.001953125 1.2912744343108294e-06
0.0009765625 3.2302780653391799e-07
EOD
plot $p5s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'one update vs the flow of (alpha f, lambda g)', \
     $p5s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'one update vs the alternating modified field', \
     $p5s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the alternating modified flow at T = 1', \
     $p5s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'one alternating update vs the simultaneous field (wrong)', \
     2.9128789582622008*x**(3) with lines dt 2 lc rgb 'gray30' title 'claimed slope 3', \
     0.37860589573786169*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'bilinear: bilinear, alpha = lambda = 1: the invariant and the growth' font ',10'
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
$p6s0 << EOD
0.125 0.0077320616982237342
0.0625 0.0019480535917253084
0.03125 0.00048796359121009054
0.015625 0.00012205044792234329
0.0078125 3.0516336418407824e-05
0.00390625 7.6293169219236164e-06
0.001953125 1.9073437821879682e-06
0.0009765625 4.7683685503844127e-07
EOD
plot $p6s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|growth rate of p^2 + q^2 under simultaneous updates / (alpha^2 h) - 1|', \
     0.49999968210878859*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset multiplot
