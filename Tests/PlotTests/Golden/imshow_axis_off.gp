# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/imshow_axis_off.png'
WICK_DATA = '/golden/imshow_axis_off.dat'

# axes 1: subplot(1, 1, 1)
unset border
unset xtics
unset ytics
set style fill solid 1.0 noborder
set key noautotitle
set title 'confusion' noenhanced font ',13.2'
set xrange [-0.5:2.5]
set yrange [1.5:-0.5]
set size ratio -1
set palette defined (0 '#000000', 1 '#101010', 2 '#202020', 3 '#303030', 4 '#404040', 5 '#505050', 6 '#606060', 7 '#707070', 8 '#808080', 9 '#909090', 10 '#a0a0a0', 11 '#b0b0b0', 12 '#c0c0c0', 13 '#d0d0d0', 14 '#e0e0e0', 15 '#f0f0f0', 16 '#ffffff')
set palette maxcolors 0
set cbrange [0:10]
set colorbox
set cblabel 'intensity' noenhanced
unset key
plot WICK_DATA index 0 matrix using 1:2:3 with image notitle
set output
