# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/imshow_extent.png'
WICK_DATA = '/golden/imshow_extent.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 1.112 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-2:2]
set yrange [0:1]
set size ratio -1
set palette defined (0 '#440154', 1 '#48186a', 2 '#472d7b', 3 '#424086', 4 '#3b528b', 5 '#33638d', 6 '#2c728e', 7 '#26828e', 8 '#21918c', 9 '#1fa088', 10 '#28ae80', 11 '#3fbc73', 12 '#5ec962', 13 '#84d44b', 14 '#addc30', 15 '#d8e219', 16 '#fde725')
set palette maxcolors 0
set cbrange [1:6]
unset colorbox
unset key
plot WICK_DATA index 0 matrix using (-1.3333333333333335+$1*1.3333333333333333):(0.25+$2*0.5):3 with image notitle
set output
