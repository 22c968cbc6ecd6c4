# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/fill_between.png'
WICK_DATA = '/golden/fill_between.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.1:2.1]
set yrange [-0.125:2.625]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle, \
     WICK_DATA index 1 using 1:2:3 with filledcurves fc rgb '#1f77b4' fs transparent solid 0.3 noborder notitle, \
     WICK_DATA index 2 using 1:2:3 with filledcurves fc rgb '#ff7f0e' fs solid 1.0 noborder notitle
set output
