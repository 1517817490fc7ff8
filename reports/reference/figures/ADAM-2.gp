# Drawn by irverify report from the figure data of a record
set terminal svg size 880,366 dynamic font 'Helvetica,11' background '#ffffff'
set output 'ADAM-2.svg'
set termoption noenhanced
set grid
set key below font ',8' spacing 0.9 samplen 2
set bars small
set multiplot layout 1,2 title 'ADAM-2: The square-root scaling rule of Adam'
unset arrow
set autoscale
set title 'least-squares-n8-p4-s1: Adam, B = 1 vs 4 B, kappa = 4' font ',10'
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
0.25 0.092269677758373331 0.090506275449978482 0.094033080066768179
0.125 0.028539573216524949 0.027688853214945835 0.029390293218104064
0.0625 0.0087917016229622277 0.0083630158635994122 0.0092203873823250432
0.03125 0.0027778553200963237 0.0025559399598690121 0.0029997706803236352
0.015625 0.0008410396728470678 0.00072676168371528863 0.00095531766197884697
EOD
plot $p0s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E L(h, B) - E L(square-root rule (kappa B, sqrt(kappa) h, kappa (1-beta), kappa (1-rho), eps/sqrt(kappa)))|'
unset arrow
set autoscale
set title 'diag-uv-n5-p3-s1: Adam, B = 1 vs 4 B, kappa = 4' font ',10'
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
0.25 0.014516445135658715 0.010803165031512262 0.018229725239805167
0.125 0.014526649215369976 0.012448273925186062 0.01660502450555389
0.0625 0.0051279962206544618 0.0038780858294156176 0.006377906611893306
0.03125 0.0011175618076803612 0.00033269016450489643 0.001902433450855826
0.015625 0.00016883147778206864 -0.00033548450331425024 0.00067314745887838746
EOD
plot $p1s0 using 1:2:3:4 with yerrorlines lc rgb '#1f77b4' pt 5 ps 0.69999999999999996 title '|E L(h, B) - E L(square-root rule (kappa B, sqrt(kappa) h, kappa (1-beta), kappa (1-rho), eps/sqrt(kappa)))|'
unset multiplot
