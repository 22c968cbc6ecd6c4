# Wick figure 3: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pngcairo size 640,480 font 'DejaVu Sans,11' noenhanced background rgb 'white'
set termoption noenhanced
set encoding utf8
set output '/golden/empty_figure.png'
WICK_DATA = '/golden/empty_figure.dat'
set multiplot

unset multiplot
set output
