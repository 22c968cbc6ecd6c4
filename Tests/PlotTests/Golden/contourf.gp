# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/contourf.png'
WICK_DATA = '/golden/contourf.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [0:2]
set yrange [0:1]
set palette defined (0 '#67001f', 1 '#960f27', 2 '#bb2a34', 3 '#d25849', 4 '#e58368', 5 '#f5ac8b', 6 '#fbceb7', 7 '#fbe6da', 8 '#f6f7f7', 9 '#deebf2', 10 '#c0dceb', 11 '#98c8e0', 12 '#68abd0', 13 '#3e8cbf', 14 '#2870b1', 15 '#15508d', 16 '#053061')
set palette maxcolors 0
set cbrange [0:3.2]
set colorbox
unset key
plot WICK_DATA index 0 matrix using (0+$1*0.010050251256281407):(0+$2*0.005025125628140704):3 with image notitle
set output
