# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/axes_options.png'
WICK_DATA = '/golden/axes_options.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xtics ('zero' 0, 'one' 1, 'two' 2)
set xtics rotate by 45 right
set xrange [2.1:-0.1]
set yrange [-0.1:2.1]
set size ratio -1
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle
set output
