# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 800,600 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/subplots.png'
WICK_DATA = '/golden/subplots.dat'
set multiplot title 'grid' noenhanced font ',13.2'

# axes 1: subplot(2, 2, 1)
set origin 0,0.465
set size 0.5,0.465
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set title '(0,0)' noenhanced font ',13.2'
set xrange [-0.05:1.05]
set yrange [-0.05500000000000001:0.05500000000000001]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle

# axes 2: subplot(2, 2, 2)
reset
set origin 0.5,0.465
set size 0.5,0.465
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set title '(0,1)' noenhanced font ',13.2'
set xrange [-0.05:1.05]
set yrange [-0.05:1.05]
unset colorbox
unset key
plot WICK_DATA index 1 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle

# axes 3: subplot(2, 2, 3)
reset
set origin 0,0
set size 0.5,0.465
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set title '(1,0)' noenhanced font ',13.2'
set xrange [-0.05:1.05]
set yrange [-0.05:1.05]
unset colorbox
unset key
plot WICK_DATA index 2 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle

# axes 4: subplot(2, 2, 4)
reset
set origin 0.5,0
set size 0.5,0.465
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set title '(1,1)' noenhanced font ',13.2'
set xrange [-0.05:1.05]
set yrange [0.945:1.0550000000000002]
unset colorbox
unset key
plot WICK_DATA index 3 using 1:2 with lines lc rgb '#1f77b4' lw 2.085 dt solid notitle

unset multiplot
set output
