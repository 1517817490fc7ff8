# Drawn by irverify report from the figure data of a record
set terminal svg size 880,382 dynamic font 'Helvetica,11' background '#ffffff'
set output 'LN-2-drift-diag-uv-n6-p8-s1.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'LN-2: diag-uv-n6-p8-s1'
unset arrow
set autoscale
set title 'B = N = 6 without replacement (GD), eta = 1.608' font ',10'
set xlabel 'sigma^2'
unset logscale x
set format x '% h'
set xrange [-5.0000000000000004e-06:0.00010500000000000002]
set xtics autofreq norotate
set ylabel 'drift along the exact direction / exact'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p0s0 << EOD
0.0001 0.97391334490692716 0.969615509050618 0.97821118076323632
2.5000000000000001e-05 0.99640826403233496 0.99190704917476191 1.000909478889908
6.2500000000000003e-06 0.99855913949586439 0.99404148001158243 1.0030767989801463
EOD
$p0s1 << EOD
0 0.99927609798370798 0.99306849609705328 1.0054836998703627
EOD
plot $p0s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p0s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]', \
     0.16443756537245072*x**(0) with lines dt 2 lc rgb 'gray30' title 'control: tr H/4 form'
unset arrow
set autoscale
set title 'B = 1 with replacement, eta = 0.3042' font ',10'
set xlabel 'sigma^2'
unset logscale x
set format x '% h'
set xrange [-5.0000000000000004e-06:0.00010500000000000002]
set xtics autofreq norotate
set ylabel 'drift along the exact direction / exact'
unset logscale y
set format y '% h'
set yrange [*:*]
set ytics autofreq norotate
unset y2tics
unset y2label
set ytics mirror
$p1s0 << EOD
0.0001 0.99686461205986998 0.9961036000157909 0.99762562410394906
2.5000000000000001e-05 0.99940838223405803 0.99864631102624912 1.0001704534418669
6.2500000000000003e-06 0.999608305293195 0.99884726798395329 1.0003693426024367
EOD
$p1s1 << EOD
0 0.9996749463129091 0.99862891693671774 1.0007209756891005
EOD
plot $p1s0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title 'Monte Carlo (99.9%)', \
     $p1s1 using 1:2:3:4 with yerrorbars lc rgb '#d62728' pt 6 ps 0.69999999999999996 title 'Richardson', \
     1*x**(0) with lines lc rgb 'gray30' title 'exact -(eta/2) P grad^3 L[S]'
unset multiplot
