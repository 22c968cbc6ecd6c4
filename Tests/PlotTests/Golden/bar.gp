# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/bar.png'
WICK_DATA = '/golden/bar.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [0.45999999999999996:3.5400000000000005]
set yrange [0:6.3]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2:3:4:5:6 with boxxyerror fc rgb '#1f77b4' fs solid 1.0 noborder notitle, \
     WICK_DATA index 1 using 1:2:3:4:5:6 with boxxyerror fc rgb '#d62728' fs solid 1.0 border lc rgb '#000000' notitle
set output
