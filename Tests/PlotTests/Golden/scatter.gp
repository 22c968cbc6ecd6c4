# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/scatter.png'
WICK_DATA = '/golden/scatter.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [0.9:3.1]
set yrange [0.6:9.4]
set palette defined (0 '#3b4cc0', 1 '#4e68d8', 2 '#6282ea', 3 '#779af7', 4 '#8db0fe', 5 '#a3c2fe', 6 '#b9d0f9', 7 '#ccd9ed', 8 '#dddcdc', 9 '#ecd3c5', 10 '#f5c4ac', 11 '#f7b093', 12 '#f4987a', 13 '#eb7d62', 14 '#dd5f4b', 15 '#ca3b37', 16 '#b40426')
set palette maxcolors 0
set cbrange [0.1:0.9]
set colorbox
set key inside left top reverse Left box lc rgb '#cccccc' opaque samplen 2 spacing 1.1 font ',11'
plot WICK_DATA index 0 using 1:2:3 with points pt 7 ps variable lc rgb '#1f77b4' title 'uniform' noenhanced, \
     WICK_DATA index 1 using 1:2:3:4 with points pt 7 ps variable lc palette notitle, \
     WICK_DATA index 2 using 1:2:3:4 with points pt 2 ps variable lc rgb variable notitle
set output
