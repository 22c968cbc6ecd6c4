# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/plot_fmt.png'
WICK_DATA = '/golden/plot_fmt.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.15000000000000002:3.15]
set yrange [-0.35000000000000003:7.35]
unset colorbox
set key inside left top reverse Left box lc rgb '#cccccc' opaque samplen 2 spacing 1.1 font ',11'
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#ff0000' lw 2.085 dt (8,5) title 'r--' noenhanced, \
     WICK_DATA index 1 using 1:2 with linespoints lc rgb '#1f77b4' lw 2.085 dt solid pt 7 ps 1 title 'o-' noenhanced, \
     WICK_DATA index 2 using 1:2 with lines lc rgb '#000000' lw 2.085 dt (2,4) title 'k:' noenhanced, \
     WICK_DATA index 3 using 1:2 with lines lc rgb '#ff7f0e' lw 2.085 dt solid title 'C1' noenhanced, \
     WICK_DATA index 4 using 1:2 with points lc rgb '#ff7f0e' pt 9 ps 1 title '^' noenhanced
set output
