# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/text_annotate.png'
WICK_DATA = '/golden/text_annotate.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.05:1.05]
set yrange [-0.05:1.05]
unset colorbox
unset key
set label 1 'note' at first 0.2, first 0.8 left tc rgb '#ff0000' font ',15.4' noenhanced front
set label 2 'centre' at graph 0.5, graph 0.5 center tc rgb '#000000' font ',11' noenhanced front
set label 3 'peak' at first 0.6, first 0.4 left tc rgb '#000000' font ',11' noenhanced front
set arrow 1 from first 0.6, first 0.4 to first 1, first 1 head filled size screen 0.015,20 lc rgb 'black' lw 1.39 front
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle
set output
