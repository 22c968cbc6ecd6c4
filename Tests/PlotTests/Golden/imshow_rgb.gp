# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/imshow_rgb.png'
WICK_DATA = '/golden/imshow_rgb.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.5:1.5]
set yrange [1.5:-0.5]
set size ratio -1
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2:3:4:5:6 with rgbalpha notitle
set output
