# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/plot_y.png'
WICK_DATA = '/golden/plot_y.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.15000000000000002:3.15]
set yrange [0.25:16.75]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle
set output
