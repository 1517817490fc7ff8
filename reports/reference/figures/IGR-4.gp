# Drawn by irverify report from the figure data of a record
set terminal svg size 880,398 dynamic font 'Helvetica,11' background '#ffffff'
set output 'IGR-4.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'IGR-4: GD ends at flatter minima; the flow of L~ predicts its limit to O(h^2)'
unset arrow
set autoscale
set title 'two-param-n2-p1-s1: GD limits against flow limits' font ',10'
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
0.5 0.099261935973549861
0.25 0.04349555990611205
0.125 0.020499684578913518
0.0625 0.0099637001045575924
0.03125 0.0049130944008670355
0.015625 0.0024396815815676165
0.0078125 0.0012156634036576323
0.00390625 0.00060679214855684921
0.001953125 0.00030313678002260214
0.0009765625 0.0001515036403879044
EOD
$p0s1 << EOD
0.5 0.034090941102419871
0.25 0.0081538141501432109
0.125 0.0020223375426665327
0.0625 0.00050523842685220059
0.03125 0.00012636693414397335
0.015625 3.1605126276019819e-05
0.0078125 7.9033439466774766e-06
0.00390625 1.9761180391314912e-06
0.001953125 4.9406628214249841e-07
0.0009765625 1.2352126181725543e-07
EOD
$p0s2 << EOD
0.5 0.014286155847549513
0.25 0.021680981381301902
0.125 0.014842499692280135
0.0625 0.0085136900381619623
0.03125 0.004545372016578131
0.015625 0.0023470464391603619
0.0078125 0.0011924131185384798
0.00390625 0.00060096791937224434
0.001953125 0.00030167925151337692
0.0009765625 0.00015113907347927662
EOD
plot $p0s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L', \
     $p0s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L + (h/4)|g|^2', \
     $p0s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong coefficient)', \
     0.1551397277572141*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1', \
     0.12952143063129043*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset arrow
set autoscale
set title 'diag-uv-n5-p3-s1: GD limits against flow limits' font ',10'
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
0.5 0.03119342766971581
0.25 0.015179385196804522
0.125 0.0075033573257290501
0.0625 0.0037318209029757808
0.03125 0.0018611362497212315
0.015625 0.00092939695760917444
0.0078125 0.0004644084032490498
0.00390625 0.00023213201733272075
0.001953125 0.00011604800411469744
0.0009765625 5.8019506090791915e-05
EOD
$p1s1 << EOD
0.5 0.0042918733118741661
0.25 0.0010881955466833012
0.125 0.00027627841739169421
0.0625 6.9742112534892589e-05
0.03125 1.7528679775280156e-05
0.015625 4.3943879533559237e-06
0.0078125 1.1001603565395471e-06
0.00390625 2.7523777573273395e-07
0.001953125 6.8834296627089561e-08
0.0009765625 1.7211689619000017e-08
EOD
$p1s2 << EOD
0.5 0.018821561634262855
0.25 0.01180439411055759
0.125 0.0066087506195016722
0.0625 0.003500556597936042
0.03125 0.001802277190870247
0.015625 0.00091454560728200594
0.0078125 0.00046067808671404551
0.00390625 0.00023119722739321235
0.001953125 0.00011581402863950243
0.0009765625 5.7960977370140089e-05
EOD
plot $p1s0 using 1:2 with linespoints lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L', \
     $p1s1 using 1:2 with linespoints lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L + (h/4)|g|^2', \
     $p1s2 using 1:2 with linespoints lc rgb '#2ca02c' pt 7 ps 0.69999999999999996 title 'GD limit vs limit of the flow of L + (h/2)|g|^2 (wrong coefficient)', \
     0.059411974236970921*x**(1) with lines dt 2 lc rgb 'gray30' title 'claimed slope 1', \
     0.018047764653932562*x**(2) with lines dt 2 lc rgb 'gray30' title 'claimed slope 2'
unset multiplot
