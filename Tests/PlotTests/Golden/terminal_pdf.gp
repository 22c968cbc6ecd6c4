# Wick figure 1: matplotlib.pyplot drawn by gnuplot 5.4. Re-render with: gnuplot <this file>
set terminal pdfcairo size 6.4in,4.8in font 'DejaVu Sans,10' noenhanced
set termoption noenhanced
set encoding utf8
set output '/golden/terminal_pdf.pdf'
WICK_DATA = '/golden/terminal_pdf.dat'

# axes 1: subplot(1, 1, 1)
set border 15 lw 0.8 lc rgb 'black'
set tics out nomirror scale 0.5
set style fill solid 1.0 noborder
set key noautotitle
set xrange [-0.05:1.05]
set yrange [0.95:2.05]
unset colorbox
unset key
plot WICK_DATA index 0 using 1:2 with lines lc rgb '#1f77b4' lw 1.5 dt solid notitle
set output
