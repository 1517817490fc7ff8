# Drawn by irverify report from the figure data of a record
set terminal svg size 1320,702 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LWA-1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 2,3 title 'LWA-1: The drift on the manifold of minima under minibatch noise (no interpolation)'
unset arrow
set autoscale
set title 'uv-4: B = 1, i.i.d. examples' font ',10'
set xlabel 'eta'
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
0.0625 0.10950461401605166 0.10854892122625025 0.11046030680585307
0.03125 0.048138936350381745 0.04771501465842988 0.048562858042333609
0.015625 0.023029852815639795 0.022830377353616222 0.023229328277663368
0.0078125 0.011325926790605789 0.011225937965613055 0.011425915615598524
0.00390625 0.0055873226243517982 0.005536816535044258 0.0056378287136593383
0.001953125 0.0027705844173044891 0.0027454930448065624 0.0027956757898024158
0.0009765625 0.0013841832614134297 0.0013718403916318555 0.001396526131195004
EOD
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E[D_t]/D_0 - prediction of the derived drift|', \
     1.417403659687352*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'uv-4: B = 1, reshuffled epochs' font ',10'
set xlabel 'eta'
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
0.0625 0.14195466852708144 0.141804111947192 0.14210522510697088
0.03125 0.070868051812187638 0.070837896945869214 0.070898206678506062
0.015625 0.035818773620001132 0.035812183231974361 0.035825364008027903
0.0078125 0.018075028493483247 0.018073432488836937 0.018076624498129558
0.00390625 0.0090878469211922441 0.0090874643175006369 0.0090882295248838514
0.001953125 0.0045575647032070621 0.0045574713887227888 0.0045576580176913354
0.0009765625 0.0022823540038543477 0.0022823312384997658 0.0022823767692089296
EOD
plot $p1s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E[D_t]/D_0 - prediction of the derived drift|', \
     2.3371304999468521*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'uv-5: B = 1, i.i.d. examples' font ',10'
set xlabel 'eta'
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
0.125 0.069025876463690738 0.067331219014268973 0.070720533913112504
0.0625 0.028301732001350888 0.02770277234362907 0.028900691659072705
0.03125 0.013028177420677078 0.012762667662132054 0.013293687179222103
0.015625 0.0063800969419132159 0.0062562192189840231 0.0065039746648424086
0.0078125 0.0031388392784047481 0.0030777511374252384 0.0031999274193842578
0.00390625 0.0015623750538503733 0.0015330572050316555 0.0015916929026690912
0.001953125 0.00078073129584332879 0.00076609079787292277 0.00079537179381373481
EOD
plot $p2s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E[D_t]/D_0 - prediction of the derived drift|', \
     0.39973442347178434*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset arrow
set autoscale
set title 'uv-5: B = 1, reshuffled epochs' font ',10'
set xlabel 'eta'
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
0.125 0.091811206332197637 0.091128866976773679 0.092493545687621595
0.0625 0.040773917513604485 0.040664160922347384 0.040883674104861586
0.03125 0.019417648902819717 0.01939585673693589 0.019439441068703545
0.015625 0.0095243556488577852 0.0095192884947092275 0.0095294228030063429
0.0078125 0.0047184770534799414 0.0047172969645613069 0.0047196571423985759
0.00390625 0.0023485745469319363 0.0023482771635319156 0.0023488719303319571
0.001953125 0.0011717481133923791 0.001171676763160422 0.0011718194636243361
EOD
plot $p3s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E[D_t]/D_0 - prediction of the derived drift|', \
     0.59993503405689808*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1'
unset multiplot
