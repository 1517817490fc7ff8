# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,1438 dynamic font 'Helvetica,11' background '#ffffff'
set output 'GAME-2.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 4,3 title 'GAME-2: The own-rate coefficient table of game drift'
unset arrow
set autoscale
set title 'bilinear: simultaneous updates, alpha = 1, lambda = 0.5' font ',10'
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
0.125 0.0022644746202035459
0.0625 0.0005611810052324976
0.03125 0.00013958381605972764
0.015625 3.4801298656554681e-05
0.0078125 8.6881407900119735e-06
0.00390625 2.1704904131203622e-06
0.001953125 5.4242814906599544e-07
0.0009765625 1.355826459303333e-07
EOD
$p0s1 << EOD
0.125 0.023138473505298109
0.0625 0.011847918330968406
0.03125 0.005993585563611425
0.015625 0.0030141268350807522
0.0078125 0.0015113839185137135
0.00390625 0.00075677021935677637
0.001953125 0.00037865442689747497
0.0009765625 0.00018939451086917063
EOD
$p0s2 << EOD
0.125 0.028661796029546723
0.0625 0.014133995462711013
0.03125 0.0070171479744745857
0.015625 0.0034960533577230233
0.0078125 0.0017448904363430602
0.00390625 0.00087166046945670779
0.001953125 0.00043563396601746469
0.0009765625 0.00021776790591759783
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)'
unset arrow
set autoscale
set title 'bilinear: simultaneous updates, alpha = 1, lambda = 1' font ',10'
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
0.125 0.006166555462706824
0.0625 0.001500072896872163
0.03125 0.00036955821148710319
0.015625 9.1692270930616242e-05
0.0078125 2.2835041249025104e-05
0.00390625 5.6977047017284277e-06
0.001953125 1.423041013446528e-06
0.0009765625 3.5558690927030979e-07
EOD
$p1s1 << EOD
0.125 0.006166555462706824
0.0625 0.001500072896872163
0.03125 0.00036955821148710319
0.015625 9.1692270930616242e-05
0.0078125 2.2835041249025104e-05
0.00390625 5.6977047017284277e-06
0.001953125 1.423041013446528e-06
0.0009765625 3.5558690927030979e-07
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.37285989897502436*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'bilinear: alternating updates, alpha = 1, lambda = 0.5' font ',10'
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
0.125 0.0010784780639453225
0.0625 0.00027355051921392322
0.03125 6.8892113992107586e-05
0.015625 1.7286945923896717e-05
0.0078125 4.329780924362483e-06
0.00390625 1.0834542476639316e-06
0.001953125 2.7098990651612322e-07
0.0009765625 6.7763283337425359e-08
EOD
$p2s1 << EOD
0.125 0.0228750098415006
0.0625 0.011077620551256797
0.03125 0.0054526669113491291
0.015625 0.0027053013155371734
0.0078125 0.0013474572549499919
0.00390625 0.00067243846307939983
0.001953125 0.00033589772052669721
0.0009765625 0.00016786861169854951
EOD
$p2s2 << EOD
0.125 0.03126978448523679
0.0625 0.015837378548106032
0.03125 0.0079710984907863189
0.015625 0.0039988809374971596
0.0078125 0.0020028024535726037
0.00390625 0.0010022453805500586
0.001953125 0.00050133418748064254
0.0009765625 0.00025072002548599467
EOD
$p2s3 << EOD
0.125 0.044534374182659361
0.0625 0.022365532305258243
0.03125 0.011209158716229597
0.015625 0.0056114101103738488
0.0078125 0.0028074422618078404
0.00390625 0.0014041591505110876
0.001953125 0.00070218954667551473
0.0009765625 0.00035112232461891149
EOD
plot $p2s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p2s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p2s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)', \
     $p2s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'T/h alternating updates vs the simultaneous field (wrong)'
unset arrow
set autoscale
set title 'bilinear: alternating updates, alpha = 1, lambda = 1' font ',10'
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
0.125 0.0028242715884499582
0.0625 0.00071668601944291518
0.03125 0.00018055221351321996
0.015625 4.5314237472133029e-05
0.0078125 1.1350815355194773e-05
0.00390625 2.8405006608805488e-06
0.001953125 7.1047570274779898e-07
0.0009765625 1.7766280156106818e-07
EOD
$p3s1 << EOD
0.125 0.0028242715884499582
0.0625 0.00071668601944291518
0.03125 0.00018055221351321996
0.015625 4.5314237472133029e-05
0.0078125 1.1350815355194773e-05
0.00390625 2.8405006608805488e-06
0.001953125 7.1047570274779898e-07
0.0009765625 1.7766280156106818e-07
EOD
plot $p3s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p3s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.18629294980969863*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'quadratic: simultaneous updates, alpha = 1, lambda = 0.5' font ',10'
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
0.125 0.0066905711792060573
0.0625 0.0015895673356358493
0.03125 0.00038779836334790891
0.015625 9.5796411337360009e-05
0.0078125 2.3807723959586e-05
0.00390625 5.9344283658580433e-06
0.001953125 1.4814297694998809e-06
0.0009765625 3.7008593056849226e-07
EOD
$p4s1 << EOD
0.125 0.021786355382261965
0.0625 0.011363143247069203
0.03125 0.0058383205113264787
0.015625 0.002962055375443657
0.0078125 0.0014921500028636015
0.00390625 0.0007489016509400658
0.001953125 0.00037516302212984258
0.0009765625 0.00018776023827512996
EOD
$p4s2 << EOD
0.125 0.041913190482745305
0.0625 0.019484120015695491
0.03125 0.0094055930645518451
0.015625 0.0046223619168651109
0.0078125 0.0022915165529850323
0.00390625 0.0011408967429900887
0.001953125 0.00056923975010572333
0.0009765625 0.00028431856130436278
EOD
plot $p4s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p4s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p4s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)'
unset arrow
set autoscale
set title 'quadratic: simultaneous updates, alpha = 1, lambda = 1' font ',10'
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
0.125 0.01605772050501638
0.0625 0.0038564293282425865
0.03125 0.00094808754436468909
0.015625 0.00023520079421792626
0.0078125 5.8582544955361269e-05
0.00390625 1.4619014800713767e-05
0.001953125 3.6514614437778258e-06
0.0009765625 9.1245600754340671e-07
EOD
$p5s1 << EOD
0.125 0.01605772050501638
0.0625 0.0038564293282425865
0.03125 0.00094808754436468909
0.015625 0.00023520079421792626
0.0078125 5.8582544955361269e-05
0.00390625 1.4619014800713767e-05
0.001953125 3.6514614437778258e-06
0.0009765625 9.1245600754340671e-07
EOD
plot $p5s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p5s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.95677947056583523*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'quadratic: alternating updates, alpha = 1, lambda = 0.5' font ',10'
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
0.125 0.0014357799614753198
0.0625 0.0003586331217946434
0.03125 8.9697701349214794e-05
0.015625 2.2434029316371121e-05
0.0078125 5.6099941686800587e-06
0.00390625 1.4027021224409016e-06
0.001953125 3.5070208083826214e-07
0.0009765625 8.7678907749005633e-08
EOD
$p6s1 << EOD
0.125 0.025600016366452167
0.0625 0.013337236229766698
0.03125 0.0068056888269693496
0.015625 0.0034374369346699594
0.0078125 0.0017274062232180878
0.00390625 0.00086587995059283108
0.001953125 0.00043348479445046764
0.0009765625 0.00021687867800331657
EOD
$p6s2 << EOD
0.125 0.028567542091870745
0.0625 0.014791971159238707
0.03125 0.0075220959956620237
0.015625 0.0037924895437697159
0.0078125 0.0019040960876154439
0.00390625 0.00095400983704151978
0.001953125 0.00047749524329184498
0.0009765625 0.0002388701877605575
EOD
$p6s3 << EOD
0.125 0.047877122186510836
0.0625 0.024276699344803473
0.03125 0.012218507029751826
0.015625 0.006128767383548994
0.0078125 0.0030691976682474405
0.00390625 0.0015357943370856426
0.001953125 0.00076819504964684301
0.0009765625 0.00038417187103212402
EOD
plot $p6s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p6s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p6s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)', \
     $p6s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'T/h alternating updates vs the simultaneous field (wrong)'
unset arrow
set autoscale
set title 'quadratic: alternating updates, alpha = 1, lambda = 1' font ',10'
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
$p7s0 << EOD
0.125 0.0040499497452374938
0.0625 0.00087043644396267862
0.03125 0.00020307393704656985
0.015625 4.914469614280411e-05
0.0078125 1.209526357026452e-05
0.00390625 3.0007092425019684e-06
0.001953125 7.4733645139194757e-07
0.0009765625 1.8648197785289353e-07
EOD
$p7s1 << EOD
0.125 0.0040499497452374938
0.0625 0.00087043644396267862
0.03125 0.00020307393704656985
0.015625 4.914469614280411e-05
0.0078125 1.209526357026452e-05
0.00390625 3.0007092425019684e-06
0.001953125 7.4733645139194757e-07
0.0009765625 1.8648197785289353e-07
EOD
plot $p7s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p7s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.19554052640907568*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'cubic: simultaneous updates, alpha = 1, lambda = 0.5' font ',10'
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
$p8s0 << EOD
0.125 0.0060775283978355471
0.0625 0.0014945158995626343
0.03125 0.00037132269726554044
0.015625 9.2588020346702406e-05
0.0078125 2.311941240306199e-05
0.00390625 5.7765720574692186e-06
0.001953125 1.4437432937071445e-06
0.0009765625 3.608865061349183e-07
EOD
$p8s1 << EOD
0.125 0.003724196263096639
0.0625 0.0028277402529979668
0.03125 0.0017329867409668219
0.015625 0.00095015718704890412
0.0078125 0.00049632492726920567
0.00390625 0.00025350890054587257
0.001953125 0.0001280950856849015
0.0009765625 6.4383186232005088e-05
EOD
$p8s2 << EOD
0.125 0.01849244167658267
0.0625 0.0078637593864114407
0.03125 0.0036049431289805309
0.015625 0.0017230581771937564
0.0078125 0.00084197419365154293
0.00390625 0.00041613654744850434
0.001953125 0.00020686047444405095
0.0009765625 0.00010312889670009366
EOD
plot $p8s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p8s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p8s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)'
unset arrow
set autoscale
set title 'cubic: simultaneous updates, alpha = 1, lambda = 1' font ',10'
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
$p9s0 << EOD
0.125 0.0064809692077428321
0.0625 0.0015895790241004693
0.03125 0.00039458850759278315
0.015625 9.8352952858649781e-05
0.0078125 2.4554815467421046e-05
0.00390625 6.1347300593044929e-06
0.001953125 1.5331983852575551e-06
0.0009765625 3.8323986265687507e-07
EOD
$p9s1 << EOD
0.125 0.0064809692077428321
0.0625 0.0015895790241004693
0.03125 0.00039458850759278315
0.015625 9.8352952858649781e-05
0.0078125 2.4554815467421046e-05
0.00390625 6.1347300593044929e-06
0.001953125 1.5331983852575551e-06
0.0009765625 3.8323986265687507e-07
EOD
plot $p9s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p9s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.40185612222529543*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'cubic: alternating updates, alpha = 1, lambda = 0.5' font ',10'
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
$p10s0 << EOD
0.125 0.0059735476656886562
0.0625 0.0014824175394871544
0.03125 0.00036994872629077789
0.015625 9.2446713263145773e-05
0.0078125 2.3109136836637716e-05
0.00390625 5.7771218058638478e-06
0.001953125 1.4442697975646772e-06
0.0009765625 3.610667188051812e-07
EOD
$p10s1 << EOD
0.125 0.0061991650887419205
0.0625 0.0040939479644304987
0.03125 0.0023475912117903669
0.015625 0.0012528669521584483
0.0078125 0.00064659879285997837
0.00390625 0.00032838608304013028
0.001953125 0.00016547014842923838
0.0009765625 8.3055016711137177e-05
EOD
$p10s2 << EOD
0.125 0.013919382498461867
0.0625 0.0057001029254163151
0.03125 0.0025541788796727104
0.015625 0.0012058744734423634
0.0078125 0.00058552056720108728
0.00390625 0.00028845799578592306
0.001953125 0.00014316015900762779
0.0009765625 7.1313727926172084e-05
EOD
$p10s3 << EOD
0.125 0.013467504705031942
0.0625 0.0067157953323522604
0.03125 0.0034105322696236871
0.015625 0.0017250718739295306
0.0078125 0.00086828122145637488
0.00390625 0.0004356737278141447
0.001953125 0.00021823208797275902
0.0009765625 0.00010921633337491027
EOD
plot $p10s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p10s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha != lambda", \
     $p10s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'T/h updates vs the field without interaction terms (wrong)', \
     $p10s3 using 1:2 with linespoints lc rgb '#ff7f0e' pt 8 ps 0.69999999999999996 title 'T/h alternating updates vs the simultaneous field (wrong)'
unset arrow
set autoscale
set title 'cubic: alternating updates, alpha = 1, lambda = 1' font ',10'
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
$p11s0 << EOD
0.125 0.006987857133342051
0.0625 0.0017629877297478782
0.03125 0.0004434824978684119
0.015625 0.00011125723569273267
0.0078125 2.7865417260077058e-05
0.00390625 6.9729167766830699e-06
0.001953125 1.7440603785656253e-06
0.0009765625 4.36119672772731e-07
EOD
$p11s1 << EOD
0.125 0.006987857133342051
0.0625 0.0017629877297478782
0.03125 0.0004434824978684119
0.015625 0.00011125723569273267
0.0078125 2.7865417260077058e-05
0.00390625 6.9729167766830699e-06
0.001953125 1.7440603785656253e-06
0.0009765625 4.36119672772731e-07
EOD
plot $p11s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "T/h updates vs the derived field's flow (GAME-1)", \
     $p11s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "T/h updates vs the own-rate table's flow, alpha = lambda (the tables coincide)", \
     0.45730462199733918*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset multiplot
