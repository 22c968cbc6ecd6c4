# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/axhline_axvline.png'
WICK_DATA = '/golden/axhline_axvline.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.5:10.5]
set yrange [-0.25:5.25]
unset colorbox
set key inside right bottom reverse Left box lc rgb '#cccccc' opaque samplen 2 spacing 1.1 font ',11'
set arrow 1 from graph 0, first 2.5 to graph 1, first 2.5 nohead lc rgb '#808080' lw 2.085 dt (8,5) front
set arrow 2 from first 4, graph 0.25 to first 4, graph 0.75 nohead lc rgb '#1f77b4' lw 2.085 dt solid front
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle, \
     keyentry with lines lc rgb '#808080' lw 2.085 dt (8,5) title 'mean' noenhanced
set output
