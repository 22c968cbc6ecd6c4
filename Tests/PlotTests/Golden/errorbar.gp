# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/errorbar.png'
WICK_DATA = '/golden/errorbar.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [0.68:3.3200000000000003]
set yrange [0.51:4.69]
unset colorbox
unset key
set errorbars 1
plot WICK_DATA index 0 using 1:2:3:4 with yerrorbars lc rgb '#1f77b4' lw 2.085 dt solid pt -1 notitle, \
     WICK_DATA index 1 using 1:2 with points lc rgb '#1f77b4' pt 7 ps 1 notitle, \
     WICK_DATA index 2 using 1:2:3:4:5:6 with xyerrorbars lc rgb '#ff7f0e' lw 2.085 dt solid pt -1 notitle, \
     WICK_DATA index 3 using 1:2 with lines lc rgb '#ff7f0e' lw 2.085 dt solid notitle
set output
