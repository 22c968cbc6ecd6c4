# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/decoration.png'
WICK_DATA = '/golden/decoration.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set title 'Decorated' noenhanced font ',13.2'
set xlabel 'epoch' noenhanced
set ylabel 'loss' noenhanced
set logscale x 10
set xtics ('10⁰' 1e0, '10¹' 1e1, '10²' 1e2)
set mxtics 10
set logscale y 10
set ytics ('one' 1, 'hundred' 100, '100%%' 10000)
set grid xtics ytics back lc rgb '#b0b0b0' lw 1.112 dt solid
set xrange [0.5:125.89254117941675]
set yrange [0.6309573444801932:100000]
unset colorbox
set key inside left top reverse Left box lc rgb '#cccccc' opaque samplen 2 spacing 1.1 font ',11'
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid title 'growth' noenhanced
set output
