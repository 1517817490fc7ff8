# Drawn by irverify report from the figure data of a record
set terminal svg size 880,366 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-4.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'LN-4: At large eta label-noise GD ends at the minimizer of the log form of R, not of tr H/4'
unset arrow
set autoscale
set title 'diag-uv-n2-p3-s5: end point at large eta' font ',10'
set xlabel 'lambda'
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
0.015625 0.30311510897541594 0.29723124448166 0.30899897346917188
0.00390625 0.087186065792826922 0.084498713771483921 0.089873417814169923
0.0009765625 0.023871173503688819 0.022592195067104321 0.025150151940273317
EOD
$p0s1 << EOD
0.015625 1.2808552648891836 1.2759143524861083 1.2857961772922588
0.00390625 1.4830082742824873 1.4806992831053878 1.4853172654595868
0.0009765625 1.5422557622960122 1.5411500344350146 1.5433614901570099
EOD
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "end point vs R's minimizer", \
     $p0s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "end point vs tr H/4's minimizer"
unset arrow
set autoscale
set title 'diag-uv-n3-p5-s4: end point at large eta' font ',10'
set xlabel 'lambda'
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
0.015625 0.035536835263701314 0.031988582641895587 0.03908508788550704
0.00390625 0.015646705307649715 0.014065040734137106 0.017228369881162324
0.0009765625 0.0045697476883649907 0.0037704001619904503 0.0053690952147395308
EOD
$p1s1 << EOD
0.015625 1.086044171465967 1.0827042442346329 1.0893840986973011
0.00390625 1.1053476218475848 1.1038809311530833 1.1068143125420864
0.0009765625 1.1158572610703366 1.1151190768288335 1.1165954453118396
EOD
plot $p1s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title "end point vs R's minimizer", \
     $p1s1 using 1:2:3:4 with yerrorlines lc rgb '#d62728' pt 6 ps 0.69999999999999996 title "end point vs tr H/4's minimizer"
unset multiplot
