# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/plot_kwargs.png'
WICK_DATA = '/golden/plot_kwargs.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [0.9:3.1]
set yrange [0.9:3.1]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with linespoints lc rgb '#802ca02c' lw 4.17 dt (10,4,2,4) pt 5 ps 1.6667 notitle, \
     WICK_DATA index 1 using 1:2 with lines lc rgb '#aabbcc' lw 2.085 dt solid notitle
set output
