import * as echarts from 'echarts';
const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 680, height: 280 });
chart.setOption({ animation: false, xAxis: { type: 'category', data: ['<b>a&'] }, yAxis: {}, series: [{ type: 'bar', data: [1] }] });
console.log(chart.renderToSVGString().slice(0, 400));
