<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Import</name>
    <message>
        <source>importing… %1%</source>
        <translation>正在导入… %1%</translation>
    </message>
</context>
<context>
    <name>ImportController</name>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>资产</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>missing %1</source>
        <translation>缺少%1</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>asset id</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>unparsable value &apos;%1&apos;</source>
        <translation>无法解析的值“%1”</translation>
    </message>
    <message>
        <source>missing time</source>
        <translation>缺少时间</translation>
    </message>
    <message>
        <source>unparsable time &apos;%1&apos;</source>
        <translation>无法解析的时间“%1”</translation>
    </message>
    <message>
        <source>(geometry)</source>
        <translation>（几何）</translation>
    </message>
    <message>
        <source>missing coordinates</source>
        <translation>缺少坐标</translation>
    </message>
    <message>
        <source>unparsable coordinates &apos;%1, %2&apos;</source>
        <translation>无法解析的坐标“%1, %2”</translation>
    </message>
    <message>
        <source>missing asset id and subtype</source>
        <translation>缺少资产编号和子类型</translation>
    </message>
    <message>
        <source>unparsable %1 &apos;%2&apos;</source>
        <translation>无法解析的 %1“%2”</translation>
    </message>
    <message>
        <source>min above max</source>
        <translation>最小值大于最大值</translation>
    </message>
    <message>
        <source>no min or max</source>
        <translation>缺少最小值和最大值</translation>
    </message>
</context>
<context>
    <name>ImportReasons</name>
    <message>
        <source>truncated row</source>
        <translation>行被截断</translation>
    </message>
    <message>
        <source>wrong column count</source>
        <translation>列数不符</translation>
    </message>
    <message>
        <source>missing coordinate</source>
        <translation>缺少坐标</translation>
    </message>
    <message>
        <source>bad number</source>
        <translation>数值无效</translation>
    </message>
    <message>
        <source>coordinate out of range</source>
        <translation>坐标超出范围</translation>
    </message>
    <message>
        <source>missing time</source>
        <translation>缺少时间</translation>
    </message>
    <message>
        <source>unparsable time</source>
        <translation>无法解析的时间</translation>
    </message>
    <message>
        <source>missing id</source>
        <translation>缺少编号</translation>
    </message>
    <message>
        <source>missing value</source>
        <translation>缺少数值</translation>
    </message>
    <message>
        <source>min above max</source>
        <translation>最小值大于最大值</translation>
    </message>
    <message>
        <source>missing target</source>
        <translation>缺少适用对象</translation>
    </message>
    <message>
        <source>missing limit</source>
        <translation>缺少限值</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>people</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Fixes</source>
        <translation>定位点数</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>First fix</source>
        <translation>首次定位</translation>
    </message>
    <message>
        <source>Last fix</source>
        <translation>末次定位</translation>
    </message>
</context>
<context>
    <name>Section</name>
    <message>
        <source>%1: cannot write the file (%2)</source>
        <translation>%1：无法写入文件（%2）</translation>
    </message>
</context>
<context>
    <name>citytwin::app::AddLayerDialog</name>
    <message>
        <source>Add Layer</source>
        <translation>添加图层</translation>
    </message>
    <message>
        <source>From a &amp;file</source>
        <translation>来自文件(&amp;F)</translation>
    </message>
    <message>
        <source>From a &amp;service</source>
        <translation>来自服务(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>XYZ URL template, WMTS capabilities URL or GDAL WMS description</source>
        <translation>XYZ 地址模板、WMTS 能力文档地址或 GDAL WMS 描述文件</translation>
    </message>
    <message>
        <source>&lt;small&gt;XYZ: &lt;tt&gt;https://tiles.example.com/{z}/{x}/{y}.png&lt;/tt&gt;&lt;br&gt;WMTS: &lt;tt&gt;https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&amp;amp;REQUEST=GetCapabilities&amp;amp;tk={tk}&lt;/tt&gt;&lt;br&gt;Tianditu-style XYZ: &lt;tt&gt;https://t0.tianditu.gov.cn/DataServer?T=img_w&amp;amp;x={x}&amp;amp;y={y}&amp;amp;l={z}&amp;amp;tk={tk}&lt;/tt&gt;&lt;br&gt;&lt;tt&gt;{tk}&lt;/tt&gt; is replaced by the API key from Settings (it is not saved in the project).&lt;/small&gt;</source>
        <translation>&lt;small&gt;XYZ：&lt;tt&gt;https://tiles.example.com/{z}/{x}/{y}.png&lt;/tt&gt;&lt;br&gt;WMTS：&lt;tt&gt;https://t0.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&amp;amp;REQUEST=GetCapabilities&amp;amp;tk={tk}&lt;/tt&gt;&lt;br&gt;天地图式 XYZ：&lt;tt&gt;https://t0.tianditu.gov.cn/DataServer?T=img_w&amp;amp;x={x}&amp;amp;y={y}&amp;amp;l={z}&amp;amp;tk={tk}&lt;/tt&gt;&lt;br&gt;&lt;tt&gt;{tk}&lt;/tt&gt; 会替换为“设置”中的 API 密钥（密钥不保存在项目中）。&lt;/small&gt;</translation>
    </message>
    <message>
        <source>Imagery</source>
        <translation>影像</translation>
    </message>
    <message>
        <source>Elevation (terrain)</source>
        <translation>高程（地形）</translation>
    </message>
    <message>
        <source>Buildings (footprints)</source>
        <translation>建筑（轮廓）</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Supported data (%1)</source>
        <translation>支持的数据 (%1)</translation>
    </message>
    <message>
        <source>Rasters: imagery and elevation (%1)</source>
        <translation>栅格：影像与高程 (%1)</translation>
    </message>
    <message>
        <source>Buildings (%1)</source>
        <translation>建筑 (%1)</translation>
    </message>
    <message>
        <source>GDAL service descriptions (*.xml)</source>
        <translation>GDAL 服务描述文件 (*.xml)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <source>Add Layer from File</source>
        <translation>从文件添加图层</translation>
    </message>
    <message>
        <source>Service layer</source>
        <translation>服务图层</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>没有打开的项目。</translation>
    </message>
    <message>
        <source>Choose a file or enter a service address.</source>
        <translation>请选择文件或输入服务地址。</translation>
    </message>
    <message>
        <source>Could not add the layer: %1</source>
        <translation>无法添加图层：%1</translation>
    </message>
    <message>
        <source>GeoTIFF, COG, VRT, MBTiles, GeoPackage, Shapefile, CityGML, IFC, glTF, tileset.json, metadata.xml…</source>
        <translation>GeoTIFF、COG、VRT、MBTiles、GeoPackage、Shapefile、CityGML、IFC、glTF、tileset.json、metadata.xml…</translation>
    </message>
    <message>
        <source>Model (CityGML, IFC, glTF, 3D Tiles, OSGB)</source>
        <translation>模型（CityGML、IFC、glTF、3D Tiles、OSGB）</translation>
    </message>
    <message>
        <source>City and building models: CityGML, IFC, glTF, 3D Tiles, OSGB (%1)</source>
        <translation>城市与建筑模型：CityGML、IFC、glTF、3D Tiles、OSGB（%1）</translation>
    </message>
    <message>
        <source>Manholes, valves, hydrants (points)</source>
        <translation>检查井、阀门、消火栓（点）</translation>
    </message>
    <message>
        <source>Underground spaces (tunnels, parking, shelters)</source>
        <translation>地下空间（隧道、停车场、人防工程）</translation>
    </message>
</context>
<context>
    <name>citytwin::app::AlarmListDock</name>
    <message>
        <source>Sensor Alarms</source>
        <translation>传感器告警</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>子类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>&gt; %1</source>
        <translation>&gt; %1</translation>
    </message>
    <message>
        <source>&lt; %1</source>
        <translation>&lt; %1</translation>
    </message>
    <message>
        <source>asset %1</source>
        <translation>资产 %1</translation>
    </message>
    <message>
        <source>No sensor in alarm</source>
        <translation>没有传感器处于告警状态</translation>
    </message>
    <message numerus="yes">
        <source>%n sensor(s) in alarm</source>
        <translation>
            <numerusform>%n 个传感器处于告警状态</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citytwin::app::BasemapController</name>
    <message>
        <source>S&amp;ettings…</source>
        <translation>设置(&amp;E)…</translation>
    </message>
    <message>
        <source>Service API key, tile disk cache and trusted services</source>
        <translation>服务 API 密钥、瓦片磁盘缓存与受信任的服务</translation>
    </message>
    <message>
        <source>Network layers not loaded: %1 not trusted</source>
        <translation>未加载网络图层：%1 未受信任</translation>
    </message>
    <message>
        <source>Network Access</source>
        <translation>网络访问</translation>
    </message>
    <message>
        <source>This project wants to contact:

%1

Allow citytwin to fetch map tiles from these services? Your choice is remembered for these addresses.</source>
        <translation>此项目要访问：

%1

是否允许 citytwin 从这些服务获取地图瓦片？您的选择将针对这些地址被记住。</translation>
    </message>
    <message>
        <source>&amp;Allow</source>
        <translation>允许(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Not Now</source>
        <translation>暂不(&amp;N)</translation>
    </message>
    <message>
        <source>Settings saved</source>
        <translation>设置已保存</translation>
    </message>
</context>
<context>
    <name>citytwin::app::CursorStatus</name>
    <message>
        <source>Lon —  Lat —  X —  Y —  H —</source>
        <translation>经度 —  纬度 —  X —  Y —  高程 —</translation>
    </message>
    <message>
        <source>Lon —  Lat —</source>
        <translation>经度 —  纬度 —</translation>
    </message>
    <message>
        <source>Lon %1°  Lat %2°</source>
        <translation>经度 %1°  纬度 %2°</translation>
    </message>
    <message>
        <source>H %1 m</source>
        <translation>高程 %1 米</translation>
    </message>
    <message>
        <source>(ground %1 m)</source>
        <translation>（地面 %1 米）</translation>
    </message>
    <message>
        <source>%1  X %2  Y %3  %4</source>
        <translation>%1  X %2  Y %3  %4</translation>
    </message>
    <message>
        <source>Projected coordinates in %1; lon/lat in CGCS2000</source>
        <translation>投影坐标系为 %1；经纬度基于 CGCS2000</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
</context>
<context>
    <name>citytwin::app::CutAwayController</name>
    <message>
        <source>Clip &amp;Box</source>
        <translation>剖切盒(&amp;B)</translation>
    </message>
    <message>
        <source>Cut away the ground, buildings and models in a box around the view target; drag a face handle to move that face. Pipes stay.</source>
        <translation>在视图目标周围的盒子内剖除地面、建筑和模型；拖动面手柄可移动该面。管线保留。</translation>
    </message>
    <message>
        <source>&amp;Excavation Pit…</source>
        <translation>开挖基坑(&amp;E)…</translation>
    </message>
    <message>
        <source>Draw a polygon on the map and dig a pit of a given depth there</source>
        <translation>在地图上绘制多边形，并在该处开挖指定深度的基坑</translation>
    </message>
    <message>
        <source>&amp;Clear Cut-Away</source>
        <translation>清除剖切(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;ut-Away</source>
        <translation>剖切(&amp;U)</translation>
    </message>
    <message>
        <source>Excavation Pit</source>
        <translation>开挖基坑</translation>
    </message>
    <message>
        <source>Depth below the ground (m):</source>
        <translation>地面以下深度（米）：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::EventFilterDock</name>
    <message>
        <source>Event Filter</source>
        <translation>事件筛选</translation>
    </message>
    <message>
        <source>Categories:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>Minimum &amp;severity:</source>
        <translation>最低严重程度(&amp;S)：</translation>
    </message>
    <message>
        <source>States:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Closed events are drawn in accumulate mode only</source>
        <translation>已关闭的事件仅在累积模式下绘制</translation>
    </message>
    <message>
        <source>&amp;Window (existing now)</source>
        <translation>窗口(&amp;W)（当前存在的事件）</translation>
    </message>
    <message>
        <source>&amp;Accumulate (all reported so far)</source>
        <translation>累积(&amp;A)（迄今已上报的全部事件）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 of %2 events shown now</source>
        <translation>当前显示 %2 个事件中的 %1 个</translation>
    </message>
</context>
<context>
    <name>citytwin::app::EventHistogramWidget</name>
    <message numerus="yes">
        <source>%n event(s) reported %1 – %2</source>
        <translation>
            <numerusform>%1 – %2 上报了 %n 个事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>citytwin::app::FeatureStylePanel</name>
    <message>
        <source>Style</source>
        <translation>样式</translation>
    </message>
    <message>
        <source>Single colour</source>
        <translation>单一颜色</translation>
    </message>
    <message>
        <source>Categorized</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Graduated</source>
        <translation>分级</translation>
    </message>
    <message>
        <source>&amp;Colour by:</source>
        <translation>着色方式(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Field:</source>
        <translation>字段(&amp;F)：</translation>
    </message>
    <message>
        <source>C&amp;lasses:</source>
        <translation>级数(&amp;L)：</translation>
    </message>
    <message>
        <source>Equal interval</source>
        <translation>等间距</translation>
    </message>
    <message>
        <source>Quantile</source>
        <translation>分位数</translation>
    </message>
    <message>
        <source>&amp;Breaks:</source>
        <translation>分级方法(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Wireframe</source>
        <translation>线框(&amp;W)</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Features</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message numerus="yes">
        <source>%n feature(s) without a usable value keep their own colour.</source>
        <translation>
            <numerusform>%n 个要素没有可用的值，保持原有颜色。</numerusform>
        </translation>
    </message>
    <message>
        <source>The style could not be applied: %1</source>
        <translation>无法应用样式：%1</translation>
    </message>
    <message numerus="yes">
        <source>Show %n Hidden Feature(s)</source>
        <translation>
            <numerusform>显示 %n 个隐藏的要素</numerusform>
        </translation>
    </message>
    <message>
        <source>Show Hidden Features</source>
        <translation>显示隐藏的要素</translation>
    </message>
</context>
<context>
    <name>citytwin::app::FeatureVisibilityActions</name>
    <message>
        <source>&amp;Hide Selected</source>
        <translation>隐藏所选(&amp;H)</translation>
    </message>
    <message>
        <source>Hide the selected feature (Show All brings it back)</source>
        <translation>隐藏所选要素（“全部显示”可恢复）</translation>
    </message>
    <message>
        <source>Show &amp;All</source>
        <translation>全部显示(&amp;A)</translation>
    </message>
    <message>
        <source>Show the features hidden in this layer</source>
        <translation>显示此图层中被隐藏的要素</translation>
    </message>
    <message>
        <source>&amp;Isolate Storey</source>
        <translation>单独显示楼层(&amp;I)</translation>
    </message>
    <message>
        <source>Show only the storey of the selected element</source>
        <translation>只显示所选构件所在的楼层</translation>
    </message>
    <message>
        <source>Show All &amp;Storeys</source>
        <translation>显示所有楼层(&amp;S)</translation>
    </message>
    <message>
        <source>End the storey isolation</source>
        <translation>结束楼层单独显示</translation>
    </message>
</context>
<context>
    <name>citytwin::app::FileActions</name>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty project (EPSG:4549, origin at Pinghu)</source>
        <translation>创建空项目（EPSG:4549，原点位于平湖）</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>The project “%1” has unsaved changes.
Do you want to save them?</source>
        <translation>项目“%1”有未保存的更改。
是否保存？</translation>
    </message>
    <message>
        <source>Could not open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Could not create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>Could not save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Saved as %1</source>
        <translation>已另存为 %1</translation>
    </message>
    <message>
        <source>citytwin projects (*.citytwin)</source>
        <translation>citytwin 项目 (*.citytwin)</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Save Project As</source>
        <translation>项目另存为</translation>
    </message>
</context>
<context>
    <name>citytwin::app::FootprintHeightPanel</name>
    <message>
        <source>Height</source>
        <translation>高度</translation>
    </message>
    <message>
        <source>Field holding the building height in metres (&quot;12&quot;, &quot;12.5 m&quot;, &quot;40 ft&quot;)</source>
        <translation>存放建筑高度（米）的字段（“12”、“12.5 m”、“40 ft”）</translation>
    </message>
    <message>
        <source>Used where the height field is empty: floors × storey height</source>
        <translation>高度字段为空时使用：层数 × 层高</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>Height field:</source>
        <translation>高度字段：</translation>
    </message>
    <message>
        <source>Floors field:</source>
        <translation>层数字段：</translation>
    </message>
    <message>
        <source>Storey height:</source>
        <translation>层高：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ImportController</name>
    <message>
        <source>Import of %1 cancelled: nothing was written.</source>
        <translation>已取消导入 %1：未写入任何内容。</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Overlays</source>
        <translation>导入叠加数据</translation>
    </message>
    <message>
        <source>Overlay files (*.csv *.tsv *.txt *.geojson *.json *.gpkg *.shp);;All files (*)</source>
        <translation>叠加数据文件 (*.csv *.tsv *.txt *.geojson *.json *.gpkg *.shp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>the project %1 is open read-only</source>
        <translation>项目 %1 以只读方式打开</translation>
    </message>
    <message>
        <source>Cannot import %1: %2</source>
        <translation>无法导入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot import %1</source>
        <translation>无法导入 %1</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling: nothing will be written…</source>
        <translation>正在取消：不会写入任何内容…</translation>
    </message>
    <message>
        <source>Import of %1 failed: %2
Nothing was imported.</source>
        <translation>导入 %1 失败：%2
未导入任何内容。</translation>
    </message>
    <message>
        <source>Import of %1 cancelled</source>
        <translation>已取消导入 %1</translation>
    </message>
    <message>
        <source>Import of %1 failed</source>
        <translation>导入 %1 失败</translation>
    </message>
    <message>
        <source>Imported %1: %2</source>
        <translation>已导入 %1：%2</translation>
    </message>
    <message>
        <source>Import people, events, assets, sensor readings or alarm thresholds from CSV, GeoJSON, GeoPackage or Shapefile into the project</source>
        <translation>从 CSV、GeoJSON、GeoPackage 或 Shapefile 向项目导入人员、事件、资产、传感器读数或告警阈值</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ImportDialog</name>
    <message>
        <source>People / vehicles (GPS tracks)</source>
        <translation>人员/车辆（GPS 轨迹）</translation>
    </message>
    <message>
        <source>Events / incidents</source>
        <translation>事件/案件</translation>
    </message>
    <message>
        <source>Assets (cameras, sensors, hydrants…)</source>
        <translation>资产（摄像头、传感器、消火栓…）</translation>
    </message>
    <message>
        <source>Sensor readings</source>
        <translation>传感器读数</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>小组</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>X / longitude</source>
        <translation>X / 经度</translation>
    </message>
    <message>
        <source>Y / latitude</source>
        <translation>Y / 纬度</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派遣</translation>
    </message>
    <message>
        <source>On site</source>
        <translation>已到场</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已处置</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>处置人员</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subtype</source>
        <translation>子类型</translation>
    </message>
    <message>
        <source>Asset id</source>
        <translation>资产编号</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>, about %L1 rows</source>
        <translation>，约 %L1 行</translation>
    </message>
    <message>
        <source>, point geometry</source>
        <translation>，点几何</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Import as:</source>
        <translation>导入为：</translation>
    </message>
    <message>
        <source>Columns (* required)</source>
        <translation>列（* 为必填）</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>e.g. EPSG:4326</source>
        <translation>例如 EPSG:4326</translation>
    </message>
    <message>
        <source>Source CRS:</source>
        <translation>源坐标系：</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>ISO 8601</source>
        <translation>ISO 8601</translation>
    </message>
    <message>
        <source>Epoch seconds</source>
        <translation>Unix 时间戳（秒）</translation>
    </message>
    <message>
        <source>Epoch milliseconds</source>
        <translation>Unix 时间戳（毫秒）</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>自定义模板</translation>
    </message>
    <message>
        <source>Time format:</source>
        <translation>时间格式：</translation>
    </message>
    <message>
        <source>Time pattern:</source>
        <translation>时间模板：</translation>
    </message>
    <message>
        <source>Zone of times written without one</source>
        <translation>未标注时区的时间所用的时区</translation>
    </message>
    <message>
        <source>Time zone:</source>
        <translation>时区：</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号 ( , )</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号 ( ; )</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Pipe ( | )</source>
        <translation>竖线 ( | )</translation>
    </message>
    <message>
        <source>Delimiter:</source>
        <translation>分隔符：</translation>
    </message>
    <message>
        <source>Append to existing data (else replace this kind&apos;s rows)</source>
        <translation>追加到现有数据（否则替换该类数据的现有行）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Will be</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Time (%1)</source>
        <translation>时间（%1）</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>rejected: %1</source>
        <translation>拒绝：%1</translation>
    </message>
    <message>
        <source>Thresholds (sensor alarm limits)</source>
        <translation>阈值（传感器告警限值）</translation>
    </message>
    <message>
        <source>Min (alarm below)</source>
        <translation>最小值（低于时告警）</translation>
    </message>
    <message>
        <source>Max (alarm above)</source>
        <translation>最大值（高于时告警）</translation>
    </message>
    <message>
        <source>At least one of %1 is required</source>
        <translation>%1 中至少需要填写一项</translation>
    </message>
    <message>
        <source> / </source>
        <translation> / </translation>
    </message>
</context>
<context>
    <name>citytwin::app::ImportReportDialog</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>The first %L1 of %L2 rejected rows</source>
        <translation>被拒绝的 %L2 行中的前 %L1 行</translation>
    </message>
    <message>
        <source>Import of %1</source>
        <translation>导入 %1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>citytwin::app::InspectorController</name>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>%1
%2 #%3</source>
        <translation>%1
%2 #%3</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>管龄</translation>
    </message>
</context>
<context>
    <name>citytwin::app::InspectorDock</name>
    <message>
        <source>(geometry)</source>
        <translation>（几何类型）</translation>
    </message>
    <message>
        <source>(area)</source>
        <translation>（面积 m²）</translation>
    </message>
    <message>
        <source>(source feature)</source>
        <translation>（源要素）</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>属性检查器</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Nothing selected: click a building or a model in the view.</source>
        <translation>未选中任何对象：在视图中单击一栋建筑或一个模型。</translation>
    </message>
    <message>
        <source>%1 — feature %2</source>
        <translation>%1 — 要素 %2</translation>
    </message>
    <message>
        <source>Reading attributes…</source>
        <translation>正在读取属性…</translation>
    </message>
    <message>
        <source>Cannot read the attributes: %1</source>
        <translation>无法读取属性：%1</translation>
    </message>
    <message>
        <source>(type)</source>
        <translation>（类型）</translation>
    </message>
    <message>
        <source>(name)</source>
        <translation>（名称）</translation>
    </message>
    <message>
        <source>(external id)</source>
        <translation>（外部标识）</translation>
    </message>
    <message>
        <source>(tile)</source>
        <translation>（瓦片）</translation>
    </message>
    <message>
        <source>(easting)</source>
        <translation>（东坐标）</translation>
    </message>
    <message>
        <source>(northing)</source>
        <translation>（北坐标）</translation>
    </message>
    <message>
        <source>(height)</source>
        <translation>（高程）</translation>
    </message>
    <message>
        <source>%1 — %2 (#%3)</source>
        <translation>%1 — %2（#%3）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>citytwin::app::LayerActions</name>
    <message>
        <source>&amp;Add Layer…</source>
        <translation>添加图层(&amp;A)…</translation>
    </message>
    <message>
        <source>Add imagery, elevation or buildings from a file or a tile service</source>
        <translation>从文件或瓦片服务添加影像、高程或建筑</translation>
    </message>
    <message>
        <source>&amp;Remove Layer</source>
        <translation>移除图层(&amp;R)</translation>
    </message>
    <message>
        <source>Remove the selected layer from the project</source>
        <translation>从项目中移除所选图层</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the selected layer one row up in its group (drawn earlier)</source>
        <translation>将所选图层在其分组中上移一行（先绘制）</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>Move the selected layer one row down in its group (drawn later, on top)</source>
        <translation>将所选图层在其分组中下移一行（后绘制，位于上层）</translation>
    </message>
    <message>
        <source>Layer &amp;Properties…</source>
        <translation>图层属性(&amp;P)…</translation>
    </message>
    <message>
        <source>Opacity and vertical exaggeration of the selected layer</source>
        <translation>所选图层的不透明度与垂直夸张</translation>
    </message>
    <message>
        <source>Added layer “%1”</source>
        <translation>已添加图层“%1”</translation>
    </message>
    <message>
        <source>Open or create a project before adding layers.</source>
        <translation>请先打开或新建项目，再添加图层。</translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>无法添加 %1：%2</translation>
    </message>
    <message numerus="yes">
        <source>Added %n layer(s)</source>
        <translation>
            <numerusform>已添加 %n 个图层</numerusform>
        </translation>
    </message>
    <message>
        <source>Removed layer “%1”</source>
        <translation>已移除图层“%1”</translation>
    </message>
    <message>
        <source>Allow &amp;Network Access</source>
        <translation>允许网络访问(&amp;N)</translation>
    </message>
    <message>
        <source>Trust the selected layer&apos;s tile service and load it</source>
        <translation>信任所选图层的瓦片服务并加载它</translation>
    </message>
    <message>
        <source>Trusted %1</source>
        <translation>已信任 %1</translation>
    </message>
</context>
<context>
    <name>citytwin::app::LayerLoader</name>
    <message>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; has no source file</source>
        <translation>图层“%1”没有源文件</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>%1: no buildings to draw</source>
        <translation>%1：没有可绘制的建筑</translation>
    </message>
    <message>
        <source>the event markers could not be built</source>
        <translation>无法生成事件标记</translation>
    </message>
    <message>
        <source>%1 can only come from the project file (source &apos;%2&apos;), not &apos;%3&apos;</source>
        <translation>%1只能来自项目文件（数据源“%2”），而不是“%3”</translation>
    </message>
    <message>
        <source>assets</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>people</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>the asset markers could not be built</source>
        <translation>无法生成设施标记</translation>
    </message>
    <message>
        <source>the people layer could not be built</source>
        <translation>无法生成人员图层</translation>
    </message>
    <message>
        <source>events</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>citytwin::app::LayerPropertiesDialog</name>
    <message>
        <source>Layer Properties — %1</source>
        <translation>图层属性 — %1</translation>
    </message>
    <message>
        <source>Layer Properties</source>
        <translation>图层属性</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>数据源：</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>&amp;Opacity:</source>
        <translation>不透明度(&amp;O)：</translation>
    </message>
    <message>
        <source>Stretches the terrain heights (1 = true scale)</source>
        <translation>拉伸地形高度（1 = 真实比例）</translation>
    </message>
    <message>
        <source>Only elevation layers have a vertical exaggeration</source>
        <translation>只有高程图层才有垂直夸张</translation>
    </message>
    <message>
        <source>&amp;Vertical exaggeration:</source>
        <translation>垂直夸张(&amp;V)：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::LayerTreeDock</name>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation>不透明度(&amp;O)</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>所选图层的不透明度</translation>
    </message>
    <message>
        <source>Failed to load: %1</source>
        <translation>加载失败：%1</translation>
    </message>
</context>
<context>
    <name>citytwin::app::LayerTreeModel</name>
    <message>
        <source>not loaded</source>
        <translation>未加载</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>City models</source>
        <translation>城市模型</translation>
    </message>
    <message>
        <source>Underground</source>
        <translation>地下</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Assets</source>
        <translation>资产</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;%2 · %3&lt;br&gt;%4</translation>
    </message>
</context>
<context>
    <name>citytwin::app::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Saved &amp;Views</source>
        <translation>已保存视角(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Home</source>
        <translation>初始视角(&amp;H)</translation>
    </message>
    <message>
        <source>Back to the overview of the whole project</source>
        <translation>回到整个项目的全览视角</translation>
    </message>
    <message>
        <source>&amp;North Up</source>
        <translation>正北朝上(&amp;N)</translation>
    </message>
    <message>
        <source>Turn the camera to look north</source>
        <translation>将相机转向正北</translation>
    </message>
    <message>
        <source>Save Current &amp;View…</source>
        <translation>保存当前视角(&amp;V)…</translation>
    </message>
    <message>
        <source>&amp;Play/Pause</source>
        <translation>播放/暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Play or pause the timeline</source>
        <translation>播放或暂停时间轴</translation>
    </message>
    <message>
        <source>&amp;About citytwin</source>
        <translation>关于 citytwin(&amp;A)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Save View</source>
        <translation>保存视角</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>视角名称：</translation>
    </message>
    <message>
        <source>View %1</source>
        <translation>视角 %1</translation>
    </message>
    <message>
        <source>About citytwin</source>
        <translation>关于 citytwin</translation>
    </message>
    <message>
        <source>&lt;h3&gt;citytwin %1&lt;/h3&gt;&lt;p&gt;A 3D digital twin of a city: terrain, buildings, the underground, people and events on one timeline.&lt;/p&gt;&lt;p&gt;Qt %2 · OpenSceneGraph %3&lt;/p&gt;</source>
        <translation>&lt;h3&gt;citytwin %1&lt;/h3&gt;&lt;p&gt;城市三维数字孪生：地形、建筑、地下空间、人员与事件，统一在一条时间轴上。&lt;/p&gt;&lt;p&gt;Qt %2 · OpenSceneGraph %3&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Loading layers %v/%m</source>
        <translation>正在加载图层 %v/%m</translation>
    </message>
    <message>
        <source>All layers loaded</source>
        <translation>所有图层已加载</translation>
    </message>
    <message numerus="yes">
        <source>%n layer(s) failed to load — see the Layers panel</source>
        <translation>
            <numerusform>%n 个图层加载失败——请查看图层面板</numerusform>
        </translation>
    </message>
    <message>
        <source>No saved views</source>
        <translation>没有已保存的视角</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Layer</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人员</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ModelLoader</name>
    <message>
        <source>%1: the oblique model has no metadata.xml georeference; give it a placement (lon, lat) in the layer properties</source>
        <translation>%1：倾斜模型没有 metadata.xml 地理参考；请在图层属性中为其指定位置（经度、纬度）</translation>
    </message>
    <message>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>%1: not a model format citytwin reads (CityGML, IFC, glTF/GLB, 3D Tiles tileset.json, OSGB)</source>
        <translation>%1：不是 citytwin 能读取的模型格式（CityGML、IFC、glTF/GLB、3D Tiles tileset.json、OSGB）</translation>
    </message>
    <message>
        <source>%1: the model has no geometry to draw</source>
        <translation>%1：模型中没有可绘制的几何体</translation>
    </message>
    <message>
        <source>%1: the model could not be built</source>
        <translation>%1：无法构建模型</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ModelPlacementPanel</name>
    <message>
        <source>Placement</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>Use the file&apos;s own &amp;georeference</source>
        <translation>使用文件自带的地理参考(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Place the model at:</source>
        <translation>将模型放置于(&amp;P)：</translation>
    </message>
    <message>
        <source>Longitude:</source>
        <translation>经度：</translation>
    </message>
    <message>
        <source>Latitude:</source>
        <translation>纬度：</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>高度：</translation>
    </message>
    <message>
        <source>Stand on the &amp;terrain</source>
        <translation>贴合地形(&amp;T)</translation>
    </message>
    <message>
        <source>Clockwise from true north</source>
        <translation>自真北方向顺时针</translation>
    </message>
    <message>
        <source>Rotation:</source>
        <translation>旋转：</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>缩放：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ModelTreeWidget</name>
    <message>
        <source>Element</source>
        <translation>构件</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>citytwin::app::PeopleController</name>
    <message>
        <source>Person #%1</source>
        <translation>人员 #%1</translation>
    </message>
    <message>
        <source>%1, team %2</source>
        <translation>%1，小组 %2</translation>
    </message>
    <message>
        <source>No fixes on %1</source>
        <translation>%1 无定位点</translation>
    </message>
    <message>
        <source>%1: %2 fixes, %3 km, %4–%5</source>
        <translation>%1：%2 个定位点，%3 公里，%4–%5</translation>
    </message>
</context>
<context>
    <name>citytwin::app::PipeAnalysisController</name>
    <message>
        <source>Click the first pipe (Esc cancels)</source>
        <translation>单击第一条管线（Esc 取消）</translation>
    </message>
    <message>
        <source>Clearance measurement cancelled</source>
        <translation>已取消净距量测</translation>
    </message>
    <message>
        <source>No pipe there: click a pipe (Esc cancels)</source>
        <translation>该处没有管线：请单击一条管线（Esc 取消）</translation>
    </message>
    <message>
        <source>Click the second pipe (Esc cancels)</source>
        <translation>单击第二条管线（Esc 取消）</translation>
    </message>
    <message>
        <source>Pipe %1 is not loaded</source>
        <translation>管线 %1 未加载</translation>
    </message>
    <message>
        <source>A pipe has no usable centre line</source>
        <translation>有一条管线没有可用的中心线</translation>
    </message>
    <message>
        <source>Pipes #%1 and #%2: %3</source>
        <translation>管线 #%1 与 #%2：%3</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>they cross, #%1 above; vertical clearance %2 m</source>
        <translation>两管交叉，#%1 在上；垂直净距 %2 米</translation>
    </message>
    <message>
        <source>first</source>
        <translation>第一条</translation>
    </message>
    <message>
        <source>second</source>
        <translation>第二条</translation>
    </message>
    <message>
        <source>no crossing; horizontal clearance %1 m, least distance %2 m</source>
        <translation>不交叉；水平净距 %1 米，最小距离 %2 米</translation>
    </message>
    <message>
        <source>installed %1 (after %2)</source>
        <translation>建于 %1（晚于 %2）</translation>
    </message>
    <message>
        <source>1 year (installed %1)</source>
        <translation>1 年（建于 %1）</translation>
    </message>
    <message>
        <source>%1 years (installed %2)</source>
        <translation>%1 年（建于 %2）</translation>
    </message>
    <message>
        <source>Pipe &amp;Filter…</source>
        <translation>管线筛选(&amp;F)…</translation>
    </message>
    <message>
        <source>Highlight pipes by age, material and network</source>
        <translation>按管龄、材质和管线类型高亮管线</translation>
    </message>
    <message>
        <source>Measure &amp;Clearance</source>
        <translation>量测净距(&amp;C)</translation>
    </message>
    <message>
        <source>Click two pipes to measure the clearance between them</source>
        <translation>单击两条管线以量测它们之间的净距</translation>
    </message>
    <message>
        <source>Clear Pipe Analysis</source>
        <translation>清除管线分析</translation>
    </message>
    <message>
        <source>Pipe filter cleared</source>
        <translation>已清除管线筛选</translation>
    </message>
    <message>
        <source>%1 of %2 pipes, %3 km</source>
        <translation>%2 条管线中的 %1 条，%3 千米</translation>
    </message>
</context>
<context>
    <name>citytwin::app::PipeFilterDialog</name>
    <message>
        <source>Water supply</source>
        <translation>给水</translation>
    </message>
    <message>
        <source>Drainage</source>
        <translation>排水</translation>
    </message>
    <message>
        <source>Sewage</source>
        <translation>污水</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>电力</translation>
    </message>
    <message>
        <source>Telecom</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>热力</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Pipe Filter</source>
        <translation>管线筛选</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>any age</source>
        <translation>任意管龄</translation>
    </message>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>old in %1 (the scene clock&apos;s year)</source>
        <translation>管龄，按 %1 年计（场景时钟的年份）</translation>
    </message>
    <message>
        <source>Materials (none ticked: any)</source>
        <translation>材质（都不勾选：任意）</translation>
    </message>
    <message>
        <source>Networks (none ticked: any)</source>
        <translation>管线类型（都不勾选：任意）</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>citytwin::app::PipeLoader</name>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>%1: no pipes to draw (%2 features, %3 skipped%4)</source>
        <translation>%1：没有可绘制的管线（%2 个要素，跳过 %3 个%4）</translation>
    </message>
    <message>
        <source>%1: the pipes could not be built</source>
        <translation>%1：无法生成管线</translation>
    </message>
    <message>
        <source>%1 of %2 pipes skipped: %3</source>
        <translation>%2 条管线中跳过了 %1 条：%3</translation>
    </message>
</context>
<context>
    <name>citytwin::app::PipeMappingPanel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source> m</source>
        <translation> 米</translation>
    </message>
    <message>
        <source>Pipe fields</source>
        <translation>管线字段</translation>
    </message>
    <message>
        <source>Depth field:</source>
        <translation>埋深字段：</translation>
    </message>
    <message>
        <source>Start elevation field:</source>
        <translation>起点高程字段：</translation>
    </message>
    <message>
        <source>End elevation field:</source>
        <translation>终点高程字段：</translation>
    </message>
    <message>
        <source>Diameter field:</source>
        <translation>管径字段：</translation>
    </message>
    <message>
        <source>Box width field:</source>
        <translation>方沟宽度字段：</translation>
    </message>
    <message>
        <source>Box height field:</source>
        <translation>方沟高度字段：</translation>
    </message>
    <message>
        <source>Material field:</source>
        <translation>材质字段：</translation>
    </message>
    <message>
        <source>Install year field:</source>
        <translation>建设年代字段：</translation>
    </message>
    <message>
        <source>Network type field:</source>
        <translation>管线类型字段：</translation>
    </message>
    <message>
        <source>Top of the pipe</source>
        <translation>管顶</translation>
    </message>
    <message>
        <source>Centre line</source>
        <translation>管中心</translation>
    </message>
    <message>
        <source>Invert (bottom inside)</source>
        <translation>管底（内底）</translation>
    </message>
    <message>
        <source>Depth and elevations measure:</source>
        <translation>埋深与高程的量测位置：</translation>
    </message>
    <message>
        <source>Depth of the centre line where a pipe has no depth or elevation</source>
        <translation>管线没有埋深或高程时使用的管中心埋深</translation>
    </message>
    <message>
        <source>Default depth:</source>
        <translation>默认埋深：</translation>
    </message>
    <message>
        <source>Diameter where a pipe has no size; sizes above 20 are read as millimetres</source>
        <translation>管线没有尺寸时使用的管径；大于 20 的尺寸按毫米读取</translation>
    </message>
    <message>
        <source>Default diameter:</source>
        <translation>默认管径：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ProjectDocument</name>
    <message>
        <source>no project is open</source>
        <translation>没有打开的项目</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ProjectFileCopy</name>
    <message>
        <source>%1: the folder does not exist</source>
        <translation>%1：文件夹不存在</translation>
    </message>
    <message>
        <source>%1: cannot replace the file</source>
        <translation>%1：无法替换该文件</translation>
    </message>
</context>
<context>
    <name>citytwin::app::ProjectSession</name>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>layers of kind &apos;%1&apos; are not available in this version</source>
        <translation>此版本不支持“%1”类型的图层</translation>
    </message>
    <message>
        <source>%1: no layer could be loaded (%2)</source>
        <translation>%1：没有任何图层能够加载（%2）</translation>
    </message>
    <message>
        <source>%1 is open read-only; use Save As</source>
        <translation>%1 以只读方式打开；请使用“另存为”</translation>
    </message>
    <message>
        <source>at most %1 imagery layers can be drawn at once; hide or remove one</source>
        <translation>最多可同时绘制 %1 个影像图层；请隐藏或移除一个</translation>
    </message>
    <message>
        <source>no file or URL given</source>
        <translation>未指定文件或 URL</translation>
    </message>
    <message>
        <source>layer &apos;%1&apos; has no source</source>
        <translation>图层“%1”没有数据源</translation>
    </message>
    <message>
        <source>%1: a %2 layer needs a file or a service</source>
        <translation>%1：%2 图层需要文件或服务</translation>
    </message>
    <message>
        <source>%1: %2 can only come from the project file</source>
        <translation>%1：%2 只能来自项目文件</translation>
    </message>
    <message>
        <source>%1: layers of kind &apos;%2&apos; are not available in this version</source>
        <translation>%1：此版本不支持类型为“%2”的图层</translation>
    </message>
    <message>
        <source>%1: the project already has %2 imagery layers, the most the terrain draws</source>
        <translation>%1：项目已有 %2 个影像图层，已达地形可绘制的上限</translation>
    </message>
    <message>
        <source>not contacted: %1 is a network source that is not trusted yet; trust the layer to load it</source>
        <translation>未连接：%1 是尚未信任的网络数据源；信任该图层后即可加载</translation>
    </message>
    <message>
        <source>%1: no start field chosen for the layer&apos;s times</source>
        <translation>%1：未为图层的时间选择起始字段</translation>
    </message>
    <message>
        <source>%1: no feature has the attribute &apos;%2&apos;</source>
        <translation>%1：没有任何要素具有属性“%2”</translation>
    </message>
</context>
<context>
    <name>citytwin::app::RecentFiles</name>
    <message>
        <source>No recent projects</source>
        <translation>没有最近的项目</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清空列表</translation>
    </message>
</context>
<context>
    <name>citytwin::app::SectionDock</name>
    <message>
        <source>Vertical Section</source>
        <translation>断面</translation>
    </message>
    <message>
        <source>Draw Section Line</source>
        <translation>绘制断面线</translation>
    </message>
    <message>
        <source>Click points on the map; double-click or Enter finishes, Esc cancels</source>
        <translation>在地图上单击各点；双击或按 Enter 结束，按 Esc 取消</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Clear Section</source>
        <translation>清除断面</translation>
    </message>
    <message>
        <source>Vertical ×</source>
        <translation>垂直 ×</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>自适应</translation>
    </message>
    <message>
        <source>Vertical exaggeration of the profile (fit: as high as the drawing)</source>
        <translation>剖面图的垂直夸张（自适应：与绘图区同高）</translation>
    </message>
    <message>
        <source>Draw a section line on the map to see the pipes it crosses.</source>
        <translation>在地图上绘制一条断面线，查看它穿过的管线。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>管线类型</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材质</translation>
    </message>
    <message>
        <source>Depth to top (m)</source>
        <translation>管顶埋深（米）</translation>
    </message>
    <message>
        <source>Depth to centre (m)</source>
        <translation>管中心埋深（米）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Install year</source>
        <translation>建设年代</translation>
    </message>
    <message>
        <source>Distance (m)</source>
        <translation>距离（米）</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Click the section line&apos;s points on the map; double-click or Enter finishes.</source>
        <translation>在地图上单击断面线的各点；双击或按 Enter 结束。</translation>
    </message>
    <message>
        <source>No project is open.</source>
        <translation>没有打开的项目。</translation>
    </message>
    <message numerus="yes">
        <source>%n pipe(s) crossed along %1 m.</source>
        <translation>
            <numerusform>沿 %1 米穿过 %n 条管线。</numerusform>
        </translation>
    </message>
    <message>
        <source>No elevation layer: depths below ground are unknown.</source>
        <translation>没有高程图层：无法得知地面以下的埋深。</translation>
    </message>
    <message>
        <source>There is no section to export.</source>
        <translation>没有可导出的断面。</translation>
    </message>
    <message>
        <source>%1: cannot write the file (%2)</source>
        <translation>%1：无法写入文件（%2）</translation>
    </message>
    <message>
        <source>Export Section</source>
        <translation>导出断面</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>citytwin::app::SectionText</name>
    <message>
        <source>a section line needs two or more distinct points</source>
        <translation>断面线需要两个或更多互不相同的点</translation>
    </message>
    <message>
        <source>%1 has no loaded pipe layer to cut</source>
        <translation>%1 没有可剖切的已加载管线图层</translation>
    </message>
    <message>
        <source>%1 × %2 m</source>
        <translation>%1 × %2 米</translation>
    </message>
    <message>
        <source>Ø%1 m</source>
        <translation>Ø%1 米</translation>
    </message>
    <message>
        <source>Water supply</source>
        <translation>给水</translation>
    </message>
    <message>
        <source>Drainage</source>
        <translation>排水</translation>
    </message>
    <message>
        <source>Sewage</source>
        <translation>污水</translation>
    </message>
    <message>
        <source>Gas</source>
        <translation>燃气</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>电力</translation>
    </message>
    <message>
        <source>Telecom</source>
        <translation>通信</translation>
    </message>
    <message>
        <source>Heating</source>
        <translation>热力</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>distance along the section (m)   vertical ×%1</source>
        <translation>沿断面的距离（米）   垂直 ×%1</translation>
    </message>
    <message>
        <source>elevation (m)</source>
        <translation>高程（米）</translation>
    </message>
    <message>
        <source>%1 m
%2</source>
        <translation>%1 米
%2</translation>
    </message>
</context>
<context>
    <name>citytwin::app::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Basemap services</source>
        <translation>底图服务</translation>
    </message>
    <message>
        <source>e.g. the Tianditu key (tk)</source>
        <translation>例如天地图密钥 (tk)</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API 密钥(&amp;K)：</translation>
    </message>
    <message>
        <source>Replaces {tk} in service URLs such as https://t0.tianditu.gov.cn/img_w/wmts?…&amp;tk={tk}. Stored in your user settings, never in project files.</source>
        <translation>替换服务地址中的 {tk}，例如 https://t0.tianditu.gov.cn/img_w/wmts?…&amp;tk={tk}。保存在您的用户设置中，绝不写入项目文件。</translation>
    </message>
    <message>
        <source>Tile disk cache</source>
        <translation>瓦片磁盘缓存</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>&amp;Size limit:</source>
        <translation>大小上限(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Clear cache</source>
        <translation>清空缓存(&amp;C)</translation>
    </message>
    <message>
        <source>In use:</source>
        <translation>已用：</translation>
    </message>
    <message>
        <source>Trusted services</source>
        <translation>受信任的服务</translation>
    </message>
    <message>
        <source>Projects may fetch tiles from these addresses without asking.</source>
        <translation>项目可以不经询问从这些地址获取瓦片。</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>移除信任(&amp;F)</translation>
    </message>
    <message>
        <source>Tile Cache Folder</source>
        <translation>瓦片缓存文件夹</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>Terrain</source>
        <translation>地形</translation>
    </message>
    <message>
        <source>Memory for terrain tiles; beyond it the least recently drawn tiles are dropped.</source>
        <translation>地形瓦片可用的内存；超出后将丢弃最久未绘制的瓦片。</translation>
    </message>
    <message>
        <source>Tile &amp;memory:</source>
        <translation>瓦片内存(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>citytwin::app::TemporalPanel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>No trail</source>
        <translation>无轨迹尾迹</translation>
    </message>
    <message>
        <source>How far back each person&apos;s fading trail reaches</source>
        <translation>每个人员渐隐的轨迹尾迹可回溯多长时间</translation>
    </message>
    <message>
        <source>&amp;Trail length:</source>
        <translation>轨迹尾迹长度(&amp;T)：</translation>
    </message>
    <message>
        <source>Between two fixes further apart the person is hidden and the trail breaks, instead of jumping across the gap</source>
        <translation>两个定位点相隔超过此值时，隐藏该人员并断开轨迹尾迹，而不是跨过间隔跳跃</translation>
    </message>
    <message>
        <source>&amp;Max gap:</source>
        <translation>最大间隔(&amp;M)：</translation>
    </message>
    <message>
        <source>Window — only events active now</source>
        <translation>窗口 — 仅显示当前活动的事件</translation>
    </message>
    <message>
        <source>Accumulate — everything reported so far</source>
        <translation>累积 — 显示迄今已上报的全部事件</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>Always shown</source>
        <translation>始终显示</translation>
    </message>
    <message>
        <source>Start and end fields</source>
        <translation>起始字段和结束字段</translation>
    </message>
    <message>
        <source>Start field + duration</source>
        <translation>起始字段 + 持续时间</translation>
    </message>
    <message>
        <source>Replays the layer on the timeline: each feature appears at the time in its start field and disappears at its end (or after the duration)</source>
        <translation>在时间轴上回放该图层：每个要素在其起始字段的时间出现，在其结束时间（或持续时间过后）消失</translation>
    </message>
    <message>
        <source>&amp;Replay:</source>
        <translation>回放(&amp;R)：</translation>
    </message>
    <message>
        <source>Dates, date-times, years (&quot;1998&quot;) or epoch seconds; features with an empty value are always shown</source>
        <translation>日期、日期时间、年份（“1998”）或 Unix 时间戳（秒）；值为空的要素始终显示</translation>
    </message>
    <message>
        <source>S&amp;tart field:</source>
        <translation>起始字段(&amp;T)：</translation>
    </message>
    <message>
        <source>A date or year ends at the end of that day or year; features with an empty end stay from their start on</source>
        <translation>日期或年份截止到该日或该年年末；结束值为空的要素从起始时间起一直显示</translation>
    </message>
    <message>
        <source>&amp;End field:</source>
        <translation>结束字段(&amp;E)：</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>无结束</translation>
    </message>
    <message>
        <source>How long each feature stays from its start (0: from its start on)</source>
        <translation>每个要素从起始时间起显示多长时间（0：从起始时间起一直显示）</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>years</source>
        <translation>年</translation>
    </message>
    <message>
        <source>&amp;Duration:</source>
        <translation>持续时间(&amp;D)：</translation>
    </message>
    <message>
        <source>Window — only features that exist now</source>
        <translation>窗口 — 仅显示当前存在的要素</translation>
    </message>
    <message>
        <source>Accumulate — everything started so far</source>
        <translation>累积 — 显示迄今已开始的全部要素</translation>
    </message>
    <message>
        <source>The layer has no attribute fields to take times from.</source>
        <translation>该图层没有可从中读取时间的属性字段。</translation>
    </message>
    <message>
        <source>Choose the field that holds each feature&apos;s start time.</source>
        <translation>请选择存放各要素起始时间的字段。</translation>
    </message>
    <message>
        <source>Choose the field that holds each feature&apos;s end time, or replay by start field + duration.</source>
        <translation>请选择存放各要素结束时间的字段，或改为按“起始字段 + 持续时间”回放。</translation>
    </message>
    <message>
        <source>%1 of %2 buildings have times</source>
        <translation>%2 栋建筑中有 %1 栋带有时间</translation>
    </message>
    <message>
        <source>%1 of %2 pipes have times</source>
        <translation>%2 条管线中有 %1 条带有时间</translation>
    </message>
    <message>
        <source>%1 of %2 underground spaces have times</source>
        <translation>%2 个地下空间中有 %1 个带有时间</translation>
    </message>
    <message>
        <source>%1 of %2 features have times</source>
        <translation>%2 个要素中有 %1 个带有时间</translation>
    </message>
    <message>
        <source>, %1–%2</source>
        <translation>，%1–%2</translation>
    </message>
    <message>
        <source>; %1 values unreadable, e.g. &apos;%2&apos;</source>
        <translation>；%1 个值无法读取，例如“%2”</translation>
    </message>
    <message>
        <source>; %1 end before their start (shown from the start on)</source>
        <translation>；%1 个要素的结束时间早于起始时间（从起始时间起一直显示）</translation>
    </message>
</context>
<context>
    <name>citytwin::app::TileIndicator</name>
    <message>
        <source>Tiles: %1</source>
        <translation>瓦片：%1</translation>
    </message>
    <message>
        <source>Basemap tiles queued or loading</source>
        <translation>排队或正在加载的底图瓦片</translation>
    </message>
</context>
<context>
    <name>citytwin::app::TileStatsOverlay</name>
    <message>
        <source>Tile &amp;Statistics</source>
        <translation>瓦片统计(&amp;S)</translation>
    </message>
    <message>
        <source>Show the basemap tile engine&apos;s numbers over the view</source>
        <translation>在视图上显示底图瓦片引擎的统计数据</translation>
    </message>
    <message>
        <source>Tiles: %1 resident, %2 drawn
Loading: %3 queued, %4 running
Memory: %5 MiB
Loaded %6 · cancelled %7 · evicted %8 · failed %9
Deepest level: %10 · last merge %11 ms</source>
        <translation>瓦片：常驻 %1，绘制 %2
加载：排队 %3，进行中 %4
内存：%5 MiB
已加载 %6 · 已取消 %7 · 已淘汰 %8 · 失败 %9
最深层级：%10 · 上次合并 %11 毫秒</translation>
    </message>
    <message>
        <source>No basemap tiles</source>
        <translation>没有底图瓦片</translation>
    </message>
</context>
<context>
    <name>citytwin::app::TimelineDock</name>
    <message>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <source>Playback speed (simulated time per real second)</source>
        <translation>播放速度（每真实秒对应的模拟时间）</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>循环</translation>
    </message>
    <message>
        <source>Start over at the end of the time range</source>
        <translation>到达时间范围末尾时从头开始</translation>
    </message>
    <message>
        <source>Current time</source>
        <translation>当前时间</translation>
    </message>
    <message>
        <source>Step back (Left)</source>
        <translation>后退一步（Left）</translation>
    </message>
    <message>
        <source>Step forward (Right)</source>
        <translation>前进一步（Right）</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <source>Jump to the current date and time</source>
        <translation>跳转到当前日期和时间</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Follow the wall clock; new data appears as it arrives</source>
        <translation>跟随实际时钟；新数据到达时即时显示</translation>
    </message>
    <message>
        <source>Playback window: drag the ends or the window; double-click for all</source>
        <translation>播放窗口：拖动两端或整个窗口；双击显示全部</translation>
    </message>
    <message>
        <source>Play/Pause</source>
        <translation>播放/暂停</translation>
    </message>
    <message>
        <source>Step Back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Step Forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>%1 · live</source>
        <translation>%1 · 实时</translation>
    </message>
    <message>
        <source>Pause (Space)</source>
        <translation>暂停（Space）</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>播放（Space）</translation>
    </message>
    <message>
        <source>1 year/s</source>
        <translation>1 年/秒</translation>
    </message>
    <message>
        <source>1 day/s</source>
        <translation>1 天/秒</translation>
    </message>
    <message>
        <source>%1 days/s</source>
        <translation>%1 天/秒</translation>
    </message>
</context>
<context>
    <name>citytwin::app::UndergroundController</name>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>&amp;Underground Mode</source>
        <translation>地下模式(&amp;U)</translation>
    </message>
    <message>
        <source>Let the camera go below the ground (PageUp/PageDown raise and lower it), darken the background and make the ground see-through (U)</source>
        <translation>允许相机进入地面以下（PageUp/PageDown 升降相机），背景变暗，地面变为半透明 (U)</translation>
    </message>
    <message>
        <source>Underground</source>
        <translation>地下</translation>
    </message>
    <message>
        <source>Ground:</source>
        <translation>地面：</translation>
    </message>
    <message>
        <source>Ground opacity: 0 % hides the ground, 100 % is opaque</source>
        <translation>地面不透明度：0% 隐藏地面，100% 完全不透明</translation>
    </message>
</context>
<context>
    <name>citytwin::app::UndergroundLoader</name>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>%1 of %2 %3 skipped: %4</source>
        <translation>%2 个%3中跳过了 %1 个：%4</translation>
    </message>
    <message>
        <source>%1: no %2 to draw (%3 features, %4 skipped%5)</source>
        <translation>%1：没有可绘制的%2（%3 个要素，跳过 %4 个%5）</translation>
    </message>
    <message>
        <source>facilities</source>
        <translation>设施</translation>
    </message>
    <message>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>%1: the facilities could not be built</source>
        <translation>%1：无法生成设施</translation>
    </message>
    <message>
        <source>underground spaces</source>
        <translation>地下空间</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Cache</name>
    <message>
        <source>Fetches every tile of a service (XYZ URL template, WMTS capabilities URL or GDAL WMS XML) in an area and a range of zoom levels into the tile disk cache, so the app can show it offline. Tiles already cached are not fetched again. Progress goes to stderr, the summary to stdout.
Default cache folder and API key: those set in the app&apos;s settings.</source>
        <translation>将服务（XYZ URL 模板、WMTS 能力文档 URL 或 GDAL WMS XML）在某一区域和缩放级别范围内的全部瓦片获取到瓦片磁盘缓存中，以便应用离线显示。已缓存的瓦片不会重复获取。进度输出到 stderr，汇总输出到 stdout。
默认缓存文件夹和 API 密钥：应用设置中所设的值。</translation>
    </message>
    <message>
        <source>Area in degrees: west,south,east,north (CGCS2000/WGS84 lon,lat).</source>
        <translation>以度为单位的区域：西,南,东,北（CGCS2000/WGS84 经度,纬度）。</translation>
    </message>
    <message>
        <source>Zoom levels of the service, e.g. 10-16 (or one level).</source>
        <translation>服务的缩放级别，如 10-16（或单个级别）。</translation>
    </message>
    <message>
        <source>Cache folder to fill.</source>
        <translation>要填充的缓存文件夹。</translation>
    </message>
    <message>
        <source>Key substituted for {tk} in the URL.</source>
        <translation>替换 URL 中 {tk} 的密钥。</translation>
    </message>
    <message>
        <source>Refuse to fetch more tiles than this (default 50000).</source>
        <translation>瓦片数超过此值时拒绝获取（默认 50000）。</translation>
    </message>
    <message>
        <source>The tile service (URL or GDAL WMS XML file).</source>
        <translation>瓦片服务（URL 或 GDAL WMS XML 文件）。</translation>
    </message>
    <message>
        <source>missing the service to seed from</source>
        <translation>缺少要预取的服务</translation>
    </message>
    <message>
        <source>expected one service, got %1</source>
        <translation>应指定一个服务，实际为 %1 个</translation>
    </message>
    <message>
        <source>missing --bbox LON1,LAT1,LON2,LAT2</source>
        <translation>缺少 --bbox LON1,LAT1,LON2,LAT2</translation>
    </message>
    <message>
        <source>--bbox wants west,south,east,north in degrees, not &apos;%1&apos;</source>
        <translation>--bbox 需要以度为单位的 西,南,东,北，而不是“%1”</translation>
    </message>
    <message>
        <source>missing --levels A-B</source>
        <translation>缺少 --levels A-B</translation>
    </message>
    <message>
        <source>--levels wants A-B with 0 &lt;= A &lt;= B &lt;= 24, not &apos;%1&apos;</source>
        <translation>--levels 需要满足 0 &lt;= A &lt;= B &lt;= 24 的 A-B，而不是“%1”</translation>
    </message>
    <message>
        <source>--max-tiles wants a positive number, not &apos;%1&apos;</source>
        <translation>--max-tiles 需要正数，而不是“%1”</translation>
    </message>
    <message>
        <source>%1 is not a tile service (XYZ URL template, WMTS or GDAL WMS XML)</source>
        <translation>%1 不是瓦片服务（XYZ URL 模板、WMTS 或 GDAL WMS XML）</translation>
    </message>
    <message>
        <source>%1: cannot create the cache folder</source>
        <translation>%1：无法创建缓存文件夹</translation>
    </message>
    <message>
        <source>seeding: %1 / %2 tiles</source>
        <translation>预取中：%1 / %2 个瓦片</translation>
    </message>
    <message>
        <source>the area and levels need %1 tiles, more than --max-tiles %2</source>
        <translation>该区域和级别需要 %1 个瓦片，超过 --max-tiles %2</translation>
    </message>
    <message>
        <source>tiles requested: %1</source>
        <translation>请求的瓦片：%1</translation>
    </message>
    <message>
        <source>fetched:         %1</source>
        <translation>已获取：    %1</translation>
    </message>
    <message>
        <source>already cached:  %1</source>
        <translation>已在缓存：  %1</translation>
    </message>
    <message>
        <source>failed:          %1</source>
        <translation>失败：      %1</translation>
    </message>
    <message>
        <source>cache:           %1 (%2 MiB)</source>
        <translation>缓存：      %1（%2 MiB）</translation>
    </message>
    <message>
        <source>%1 of %2 tiles could not be fetched</source>
        <translation>%2 个瓦片中有 %1 个无法获取</translation>
    </message>
    <message>
        <source>Usage: %1 cache seed FILE-OR-URL --bbox LON1,LAT1,LON2,LAT2 --levels A-B [--cache-dir DIR]

Pre-fetches service tiles into the disk cache for offline use.
Run &apos;%1 cache seed --help&apos; for the details.</source>
        <translation>用法：%1 cache seed FILE-OR-URL --bbox LON1,LAT1,LON2,LAT2 --levels A-B [--cache-dir DIR]

将服务瓦片预取到磁盘缓存中，供离线使用。
运行“%1 cache seed --help”查看详细信息。</translation>
    </message>
    <message>
        <source>missing &apos;seed&apos;</source>
        <translation>缺少“seed”</translation>
    </message>
    <message>
        <source>unknown cache command &apos;%1&apos;</source>
        <translation>未知的 cache 命令“%1”</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Cli</name>
    <message>
        <source>Try &apos;%1 --help&apos; for more information.</source>
        <translation>运行“%1 --help”查看更多信息。</translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>显示此帮助。</translation>
    </message>
    <message>
        <source>Generate the synthetic demo city of Pinghu</source>
        <translation>生成平湖合成示例城市</translation>
    </message>
    <message>
        <source>Describe a project: CRS, origin, time, layers, views</source>
        <translation>描述项目：坐标系、原点、时间、图层、视角</translation>
    </message>
    <message>
        <source>Render a view of a project to a PNG file</source>
        <translation>将项目的一个视角渲染为 PNG 文件</translation>
    </message>
    <message>
        <source>Usage: %1 COMMAND [options] [arguments]</source>
        <translation>用法：%1 命令 [选项] [参数]</translation>
    </message>
    <message>
        <source>citytwin command-line tools: demo data, project inspection and headless rendering.</source>
        <translation>citytwin 命令行工具：示例数据、项目查看与无界面渲染。</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Options:</source>
        <translation>选项：</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>显示版本。</translation>
    </message>
    <message>
        <source>Run &apos;%1 COMMAND --help&apos; for the options of a command.</source>
        <translation>运行“%1 命令 --help”查看该命令的选项。</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>未指定命令</translation>
    </message>
    <message>
        <source>unknown option &apos;%1&apos;</source>
        <translation>未知选项“%1”</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;</source>
        <translation>未知命令“%1”</translation>
    </message>
    <message>
        <source>Usage: %1 %2 %3</source>
        <translation>用法：%1 %2 %3</translation>
    </message>
    <message>
        <source>Add a layer (file or service URL) to a project, or list its layers</source>
        <translation>向项目添加图层（文件或服务 URL），或列出其图层</translation>
    </message>
    <message>
        <source>Pre-fetch service tiles of an area into the disk cache</source>
        <translation>将某一区域的服务瓦片预取到磁盘缓存</translation>
    </message>
    <message>
        <source>missing the project file</source>
        <translation>缺少项目文件</translation>
    </message>
    <message>
        <source>expected one project file, got %1</source>
        <translation>应指定一个项目文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>List the pipes a vertical section line crosses, with their depths</source>
        <translation>列出一条纵断面线穿过的管线及其埋深</translation>
    </message>
    <message>
        <source>Query a project&apos;s pipes: filter by age, material or network; clearance between two pipes</source>
        <translation>查询项目的管线：按管龄、材质或管线类型筛选；两条管线之间的净距</translation>
    </message>
    <message>
        <source>Import tracks, events, assets or sensor readings (CSV, GeoJSON, GeoPackage, …) into a project</source>
        <translation>向项目导入轨迹、事件、资产或传感器读数（CSV、GeoJSON、GeoPackage、…）</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Import</name>
    <message>
        <source>CRS of the x/y columns or geometry (default: EPSG:4326, or the file&apos;s own).</source>
        <translation>x/y 列或几何的坐标系（默认：EPSG:4326，或文件自身的坐标系）。</translation>
    </message>
    <message>
        <source>auto, iso8601, epoch_s, epoch_ms or pattern.</source>
        <translation>auto、iso8601、epoch_s、epoch_ms 或 pattern。</translation>
    </message>
    <message>
        <source>A Qt date-time pattern, e.g. &quot;MM/dd/yyyy hh:mm:ss AP&quot; (implies --time-format pattern).</source>
        <translation>Qt 日期时间模板，例如 &quot;MM/dd/yyyy hh:mm:ss AP&quot;（隐含 --time-format pattern）。</translation>
    </message>
    <message>
        <source>IANA zone of times written without one (default: the project&apos;s).</source>
        <translation>未标注时区的时间所用的 IANA 时区（默认：项目的时区）。</translation>
    </message>
    <message>
        <source>CSV delimiter: , ; | or tab (default: detected).</source>
        <translation>CSV 分隔符：, ; | 或 tab（默认：自动检测）。</translation>
    </message>
    <message>
        <source>Add to the existing rows instead of replacing them.</source>
        <translation>添加到现有行，而不是替换它们。</translation>
    </message>
    <message>
        <source>Read and check everything, write nothing.</source>
        <translation>读取并检查全部内容，不写入任何内容。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>The file to import.</source>
        <translation>要导入的文件。</translation>
    </message>
    <message>
        <source>expected PROJECT and FILE, got %1 arguments</source>
        <translation>应指定 PROJECT 和 FILE，实际有 %1 个参数</translation>
    </message>
    <message>
        <source>--time-format: &apos;%1&apos; is not auto, iso8601, epoch_s, epoch_ms or pattern</source>
        <translation>--time-format：“%1”不是 auto、iso8601、epoch_s、epoch_ms 或 pattern</translation>
    </message>
    <message>
        <source>--delimiter: &apos;%1&apos; is not , ; | or tab</source>
        <translation>--delimiter：“%1”不是 , ; | 或 tab</translation>
    </message>
    <message>
        <source>--map: &apos;%1&apos; is not ROLE=COLUMN</source>
        <translation>--map：“%1”不是 ROLE=COLUMN 形式</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>kind: %1 (guessed; --kind to change)</source>
        <translation>类型：%1（推断所得；可用 --kind 更改）</translation>
    </message>
    <message>
        <source>%1: cannot tell what the rows are (columns: %2); give --kind</source>
        <translation>%1：无法判断各行的数据类型（列：%2）；请指定 --kind</translation>
    </message>
    <message>
        <source>--map: %1 has no role &apos;%2&apos; (roles: %3)</source>
        <translation>--map：%1 没有角色“%2”（角色：%3）</translation>
    </message>
    <message>
        <source>mapping: %1</source>
        <translation>列映射：%1</translation>
    </message>
    <message>
        <source>positions: %1 → %2; times: %3, zone-less ones in %4</source>
        <translation>位置：%1 → %2；时间：%3，未标注时区的时间按 %4</translation>
    </message>
    <message>
        <source>%1: %2 (columns: %3); see --map, --crs, --time-format</source>
        <translation>%1：%2（列：%3）；参见 --map、--crs、--time-format</translation>
    </message>
    <message>
        <source>time range: %1 – %2</source>
        <translation>时间范围：%1 – %2</translation>
    </message>
    <message>
        <source>  row %1: %2</source>
        <translation>  第 %1 行：%2</translation>
    </message>
    <message>
        <source>  … and %1 more rejected rows</source>
        <translation>  … 另有 %1 行被拒绝</translation>
    </message>
    <message>
        <source>dry run: nothing was written to %1</source>
        <translation>试运行：未向 %1 写入任何内容</translation>
    </message>
    <message>
        <source>Imports people&apos;s tracks, events, assets, sensor readings or alarm thresholds from FILE (CSV, GeoJSON, GeoPackage, Shapefile or a PG: connection) into PROJECT. The kind and the column mapping are guessed from the file unless given. Without --append the kind&apos;s existing rows are replaced. Rows that cannot be read are listed and skipped; if no row can be imported, or on any other error, PROJECT is left unchanged.

Thresholds: one row per limit, for one sensor (asset=ID) or every sensor of a subtype (subtype=water_level), with min and/or max; e.g.
  citytwin-cli import city.citytwin limits.csv --kind thresholds --map subtype=sensor_type --map max=alarm_high
Assets files may carry min/max columns too: each asset with a limit gets its own threshold.</source>
        <translation>从 FILE（CSV、GeoJSON、GeoPackage、Shapefile 或 PG: 连接）向 PROJECT 导入人员轨迹、事件、资产、传感器读数或告警阈值。除非另行指定，数据类型和列映射将根据文件推断。不加 --append 时，将替换该类型的现有行。无法读取的行会被列出并跳过；如果没有任何行可导入，或发生其他错误，PROJECT 保持不变。

阈值：每行一个限值，针对一个传感器（asset=ID）或某一子类型的所有传感器（subtype=water_level），给出 min 和/或 max；例如：
  citytwin-cli import city.citytwin limits.csv --kind thresholds --map subtype=sensor_type --map max=alarm_high
资产文件也可以带有 min/max 列：每个带限值的资产都会得到各自的阈值。</translation>
    </message>
    <message>
        <source>What the rows are: tracks, events, assets, readings or thresholds.</source>
        <translation>各行的数据类型：tracks、events、assets、readings 或 thresholds。</translation>
    </message>
    <message>
        <source>Column for a role, e.g. time=timestamp, x=lon, y=lat, id=vehicle_id (repeatable; roles: id name role team time x y category severity description source reported dispatched on_site resolved closed staff type subtype asset value min max).</source>
        <translation>某一角色对应的列，例如 time=timestamp, x=lon, y=lat, id=vehicle_id（可重复；角色：id name role team time x y category severity description source reported dispatched on_site resolved closed staff type subtype asset value min max）。</translation>
    </message>
    <message>
        <source>--kind: &apos;%1&apos; is not tracks, events, assets, readings or thresholds</source>
        <translation>--kind：“%1”不是 tracks、events、assets、readings 或 thresholds</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Info</name>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Project:      %1</source>
        <translation>项目：        %1</translation>
    </message>
    <message>
        <source>File:         %1</source>
        <translation>文件：        %1</translation>
    </message>
    <message>
        <source>CRS:          %1 (%2)</source>
        <translation>坐标系：      %1（%2）</translation>
    </message>
    <message>
        <source>known to PROJ</source>
        <translation>PROJ 可识别</translation>
    </message>
    <message>
        <source>NOT known to PROJ: %1</source>
        <translation>PROJ 无法识别：%1</translation>
    </message>
    <message>
        <source>Origin:       E %1  N %2  H %3</source>
        <translation>原点：        E %1  N %2  H %3</translation>
    </message>
    <message>
        <source>              lon %1  lat %2 (CGCS2000)</source>
        <translation>              经度 %1  纬度 %2（CGCS2000）</translation>
    </message>
    <message>
        <source>Time zone:    %1</source>
        <translation>时区：        %1</translation>
    </message>
    <message>
        <source>Time extent:  %1 – %2 (UTC)</source>
        <translation>时间范围：    %1 – %2（UTC）</translation>
    </message>
    <message>
        <source>              %1 – %2 (local)</source>
        <translation>              %1 – %2（本地时间）</translation>
    </message>
    <message>
        <source>Initial time: %1</source>
        <translation>初始时间：    %1</translation>
    </message>
    <message>
        <source>Layers (%1):</source>
        <translation>图层（%1）：</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>visible</source>
        <translation>可见</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>  [MISSING]</source>
        <translation>  [缺失]</translation>
    </message>
    <message>
        <source>Views (%1): %2</source>
        <translation>视角（%1）：%2</translation>
    </message>
    <message>
        <source>Describes a citytwin project: name, CRS, origin, time zone and extent, layers (and whether their files exist), views and overlay counts.</source>
        <translation>描述 citytwin 项目：名称、坐标系、原点、时区与时间范围、图层（及其文件是否存在）、视角以及叠加数据数量。</translation>
    </message>
    <message>
        <source>Print one JSON object instead of text.</source>
        <translation>输出一个 JSON 对象而非文本。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>Overlays:     %1 people, %2 track points, %3 events, %4 assets, %5 sensor readings, %6 thresholds</source>
        <translation>叠加数据：    %1 名人员，%2 个轨迹点，%3 个事件，%4 项资产，%5 条传感器读数，%6 个阈值</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Layer</name>
    <message>
        <source>%1: no building footprints (polygons) in it</source>
        <translation>%1：其中没有建筑轮廓（多边形）</translation>
    </message>
    <message>
        <source>Layer name (default: file name or host).</source>
        <translation>图层名称（默认：文件名或主机名）。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>A raster/vector file or a service URL.</source>
        <translation>栅格/矢量文件或服务 URL。</translation>
    </message>
    <message>
        <source>expected the project file and one file or URL, got %1 argument(s)</source>
        <translation>应指定项目文件和一个文件或 URL，实际有 %1 个参数</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>%1: the project file is read-only</source>
        <translation>%1：项目文件为只读</translation>
    </message>
    <message>
        <source>added layer %1 &quot;%2&quot; (%3) to %4</source>
        <translation>已将图层 %1“%2”（%3）添加到 %4</translation>
    </message>
    <message>
        <source>Lists the layers of PROJECT in draw order (bottom first within a group).</source>
        <translation>按绘制顺序列出 PROJECT 的图层（同组内自下而上）。</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>opacity</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>missing &apos;add&apos; or &apos;list&apos;</source>
        <translation>缺少“add”或“list”</translation>
    </message>
    <message>
        <source>unknown layer command &apos;%1&apos;</source>
        <translation>未知的 layer 命令“%1”</translation>
    </message>
    <message>
        <source>Where a model&apos;s local origin goes: lon,lat[,height|terrain[,rotation[,scale]]] (degrees, metres; rotation clockwise from north). Overrides the file&apos;s own georeference.</source>
        <translation>模型局部原点的位置：lon,lat[,height|terrain[,rotation[,scale]]]（单位为度、米；旋转自北方向顺时针）。覆盖文件自带的地理参考。</translation>
    </message>
    <message>
        <source>CRS of a model file that declares none (e.g. a CityGML without srsName): EPSG:nnnn.</source>
        <translation>未声明坐标系的模型文件（如没有 srsName 的 CityGML）所用的坐标系：EPSG:nnnn。</translation>
    </message>
    <message>
        <source>--placement and --source-crs apply to model layers only</source>
        <translation>--placement 和 --source-crs 只适用于模型图层</translation>
    </message>
    <message>
        <source>--placement wants lon,lat[,height|terrain[,rotation[,scale]]] with lon -180…180, lat -90…90 and a positive scale, not &apos;%1&apos;</source>
        <translation>--placement 需要 lon,lat[,height|terrain[,rotation[,scale]]]，其中经度 -180…180、纬度 -90…90、缩放为正数，而不是“%1”</translation>
    </message>
    <message>
        <source>%1: no usable pipe lines in it (%2 features skipped)</source>
        <translation>%1：其中没有可用的管线（跳过了 %2 个要素）</translation>
    </message>
    <message>
        <source>%1: no usable manholes, valves or hydrants (points) in it (%2 features skipped)</source>
        <translation>%1：其中没有可用的检查井、阀门或消火栓（点）（跳过了 %2 个要素）</translation>
    </message>
    <message>
        <source>%1: no usable underground spaces (polygons) in it (%2 features skipped)</source>
        <translation>%1：其中没有可用的地下空间（面）（跳过了 %2 个要素）</translation>
    </message>
    <message>
        <source>Adds a layer to PROJECT from a file (GeoTIFF/COG, VRT, MBTiles, GeoPackage, JPEG/PNG with a world file, footprint polygons, CityGML, IFC, glTF/GLB, a 3D Tiles tileset.json, an oblique OSGB dataset folder) or a service (XYZ URL template with {z}/{x}/{y}, WMTS capabilities URL, GDAL WMS XML) and saves the project. The source is opened first: one that cannot be drawn leaves the project unchanged. Without --kind, one-band rasters of a type wider than 8 bits without a palette are elevation, other rasters and services imagery, polygons buildings (underground spaces when their fields name top/bottom depths: top_depth, 顶板埋深…), lines pipes, points manholes, model formats models. Models in local coordinates (glTF, a lone .osgb) stand at the project origin on the terrain unless --placement says where.</source>
        <translation>从文件（GeoTIFF/COG、VRT、MBTiles、GeoPackage、带坐标文件的 JPEG/PNG、建筑轮廓面、CityGML、IFC、glTF/GLB、3D Tiles tileset.json、倾斜摄影 OSGB 数据集文件夹）或服务（带 {z}/{x}/{y} 的 XYZ URL 模板、WMTS 能力文档 URL、GDAL WMS XML）向 PROJECT 添加一个图层，并保存项目。会先打开数据源：无法绘制的数据源不会改动项目。未指定 --kind 时，宽于 8 位且无调色板的单波段栅格作为高程，其他栅格和服务作为影像，面作为建筑（字段给出顶/底埋深时作为地下空间：top_depth、顶板埋深…），线作为管线，点作为检查井，模型格式作为模型。局部坐标的模型（glTF、单个 .osgb）除非用 --placement 指定位置，否则放置在项目原点的地形上。</translation>
    </message>
    <message>
        <source>imagery, elevation, buildings, model, pipes, manholes or underground_spaces.</source>
        <translation>imagery、elevation、buildings、model、pipes、manholes 或 underground_spaces。</translation>
    </message>
    <message>
        <source>--kind wants imagery, elevation, buildings, model, pipes, manholes or underground_spaces, not &apos;%1&apos;</source>
        <translation>--kind 需要 imagery、elevation、buildings、model、pipes、manholes 或 underground_spaces，而不是“%1”</translation>
    </message>
    <message>
        <source>Usage: %1 layer add PROJECT FILE-OR-URL [--kind imagery|elevation|buildings|model|pipes|manholes|underground_spaces] [--name NAME]
       %1 layer list PROJECT

Adds a layer to a project (and saves it), or lists its layers.
Run &apos;%1 layer add --help&apos; for the details.</source>
        <translation>用法：%1 layer add PROJECT FILE-OR-URL [--kind imagery|elevation|buildings|model|pipes|manholes|underground_spaces] [--name NAME]
      %1 layer list PROJECT

向项目添加一个图层（并保存），或列出其图层。
运行“%1 layer add --help”查看详细信息。</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::MakeDemo</name>
    <message>
        <source>Generates the deterministic synthetic demo city of Pinghu (DEM, imagery, buildings, pipes, people, events, assets) into DIR and prints the path of its project file.</source>
        <translation>在 DIR 中生成确定性的平湖合成示例城市（DEM、影像、建筑、管线、人员、事件、资产），并输出其项目文件路径。</translation>
    </message>
    <message>
        <source>Random seed (default %1).</source>
        <translation>随机种子（默认 %1）。</translation>
    </message>
    <message>
        <source>Number of buildings (default %1).</source>
        <translation>建筑数量（默认 %1）。</translation>
    </message>
    <message>
        <source>Number of field staff with tracks (default %1).</source>
        <translation>带轨迹的外勤人员数量（默认 %1）。</translation>
    </message>
    <message>
        <source>Number of events (default %1).</source>
        <translation>事件数量（默认 %1）。</translation>
    </message>
    <message>
        <source>Days of event history (default %1).</source>
        <translation>事件历史天数（默认 %1）。</translation>
    </message>
    <message>
        <source>Folder to write the demo into (created if needed).</source>
        <translation>写入示例数据的文件夹（必要时自动创建）。</translation>
    </message>
    <message>
        <source>missing the output folder DIR</source>
        <translation>缺少输出文件夹 DIR</translation>
    </message>
    <message>
        <source>expected one folder, got %1</source>
        <translation>应指定一个文件夹，实际为 %1 个</translation>
    </message>
    <message>
        <source>--%1 wants a whole number from %2 to %3, not &apos;%4&apos;</source>
        <translation>--%1 需要 %2 到 %3 之间的整数，而不是“%4”</translation>
    </message>
    <message>
        <source>%1 exists and is not a folder</source>
        <translation>%1 已存在且不是文件夹</translation>
    </message>
    <message>
        <source>Side of the square city area in metres (default %1).</source>
        <translation>正方形城市区域的边长，单位米（默认 %1）。</translation>
    </message>
    <message>
        <source>Length of underground pipes in km (default %1).</source>
        <translation>地下管线长度，单位千米（默认 %1）。</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Pipes</name>
    <message>
        <source>warning: layer %1 (%2) not read: %3</source>
        <translation>警告：图层 %1（%2）未读取：%3</translation>
    </message>
    <message>
        <source>warning: elevation layer %1 not read (pipes hang under height 0): %2</source>
        <translation>警告：高程图层 %1 未读取（管线悬挂在高度 0 以下）：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not LAYER:ID (a pipe layer&apos;s id or name, a colon, a pipe id)</source>
        <translation>“%1”不是 LAYER:ID（管线图层的编号或名称、冒号、管线编号）</translation>
    </message>
    <message>
        <source>pipe layer &apos;%1&apos; has no pipe %2</source>
        <translation>管线图层“%1”中没有管线 %2</translation>
    </message>
    <message>
        <source>no loaded pipe layer &apos;%1&apos;</source>
        <translation>没有已加载的管线图层“%1”</translation>
    </message>
    <message>
        <source>%1 × %2 m box</source>
        <translation>%1 × %2 米的盒子</translation>
    </message>
    <message>
        <source>Ø %1 m</source>
        <translation>Ø %1 米</translation>
    </message>
    <message>
        <source>%1:%2 (%3, %4, %5, centre depth %6 m)</source>
        <translation>%1:%2（%3，%4，%5，管中心埋深 %6 米）</translation>
    </message>
    <message>
        <source>material unknown</source>
        <translation>材质未知</translation>
    </message>
    <message>
        <source>a pipe has no usable centre line (fewer than 2 points or no height)</source>
        <translation>有一条管线没有可用的中心线（少于 2 个点或没有高度）</translation>
    </message>
    <message>
        <source>A: %1</source>
        <translation>A：%1</translation>
    </message>
    <message>
        <source>B: %1</source>
        <translation>B：%1</translation>
    </message>
    <message>
        <source>crossing at %1, %2: %3 above, vertical clearance %4 m</source>
        <translation>交叉于 %1, %2：%3 在上，垂直净距 %4 米</translation>
    </message>
    <message>
        <source>no crossing in plan</source>
        <translation>平面上不交叉</translation>
    </message>
    <message>
        <source>horizontal clearance %1 m</source>
        <translation>水平净距 %1 米</translation>
    </message>
    <message>
        <source>minimum distance %1 m</source>
        <translation>最小距离 %1 米</translation>
    </message>
    <message>
        <source>Lists the pipes of PROJECT that match a filter (all pipes without one), or the clearance between two pipes. Ages count at --year (default: this year).</source>
        <translation>列出 PROJECT 中符合筛选条件的管线（未指定筛选条件时列出全部管线），或两条管线之间的净距。管龄按 --year 计算（默认：今年）。</translation>
    </message>
    <message>
        <source>Pipes at least N years old.</source>
        <translation>管龄至少 N 年的管线。</translation>
    </message>
    <message>
        <source>Pipes of material M (case-insensitive; repeat for any of several).</source>
        <translation>材质为 M 的管线（不区分大小写；可重复指定，匹配其中任意一种）。</translation>
    </message>
    <message>
        <source>Pipes of network N (water, drainage, sewage, gas, power, telecom, heating, other or a Chinese name; repeat for any of several).</source>
        <translation>管线类型为 N 的管线（water、drainage、sewage、gas、power、telecom、heating、other 或中文名称；可重复指定，匹配其中任意一种）。</translation>
    </message>
    <message>
        <source>Count ages at year Y.</source>
        <translation>按 Y 年计算管龄。</translation>
    </message>
    <message>
        <source>Also write the list to FILE as CSV.</source>
        <translation>同时将列表以 CSV 格式写入 FILE。</translation>
    </message>
    <message>
        <source>Print the clearance between two pipes, each LAYER:ID (a pipe layer&apos;s id or name and a pipe id).</source>
        <translation>输出两条管线之间的净距，每条为 LAYER:ID（管线图层的编号或名称以及管线编号）。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>--clearance wants two pipes: LAYER:ID LAYER:ID</source>
        <translation>--clearance 需要两条管线：LAYER:ID LAYER:ID</translation>
    </message>
    <message>
        <source>--clearance does not take filter options</source>
        <translation>--clearance 不接受筛选选项</translation>
    </message>
    <message>
        <source>--older-than wants a whole number of years (0 to 1000), not &apos;%1&apos;</source>
        <translation>--older-than 需要整数年数（0 到 1000），而不是“%1”</translation>
    </message>
    <message>
        <source>unknown network &apos;%1&apos;</source>
        <translation>未知的管线类型“%1”</translation>
    </message>
    <message>
        <source>--year wants a four-digit year, not &apos;%1&apos;</source>
        <translation>--year 需要四位数的年份，而不是“%1”</translation>
    </message>
    <message>
        <source>missing the project file</source>
        <translation>缺少项目文件</translation>
    </message>
    <message>
        <source>expected one project file, got %1</source>
        <translation>应指定一个项目文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>%1 has no readable pipe layer</source>
        <translation>%1 没有可读取的管线图层</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>network</source>
        <translation>管线类型</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材质</translation>
    </message>
    <message>
        <source>installed</source>
        <translation>建设年代</translation>
    </message>
    <message>
        <source>age</source>
        <translation>管龄</translation>
    </message>
    <message>
        <source>length m</source>
        <translation>长度 米</translation>
    </message>
    <message>
        <source>depth m</source>
        <translation>埋深 米</translation>
    </message>
    <message>
        <source>%1 of %2 pipes, %3 km (%4; ages as of %5)</source>
        <translation>%2 条管线中的 %1 条，%3 千米（%4；管龄按 %5 年计）</translation>
    </message>
    <message>
        <source>%1: write failed: %2</source>
        <translation>%1：写入失败：%2</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Render</name>
    <message>
        <source>Loads every layer of PROJECT, sets the time and renders one view offscreen to a PNG file.
Needs an X display for OpenGL; on a headless machine run it under xvfb-run -a.</source>
        <translation>加载 PROJECT 的所有图层，设置时间，并将一个视角离屏渲染为 PNG 文件。
OpenGL 需要 X 显示；在无显示器的机器上请用 xvfb-run -a 运行。</translation>
    </message>
    <message>
        <source>Saved view to render (see &apos;info&apos;).</source>
        <translation>要渲染的已保存视角（参见“info”）。</translation>
    </message>
    <message>
        <source>Camera target X,Y,Z in the local frame (metres from the project origin), optionally with HEADING,PITCH,RANGE (degrees, degrees, metres; default 0,-45,1000).</source>
        <translation>相机目标点 X,Y,Z（局部坐标，相对项目原点的米数），可附加 HEADING,PITCH,RANGE（度、度、米；默认 0,-45,1000）。</translation>
    </message>
    <message>
        <source>Scene time, ISO 8601 (e.g. 2026-11-02T08:30+08:00 or ...Z); without an offset it is in the project&apos;s time zone. Default: the view&apos;s time, else the project&apos;s initial time.</source>
        <translation>场景时间，ISO 8601 格式（如 2026-11-02T08:30+08:00 或 ...Z）；不带时差时按项目时区解释。默认：视角的时间，否则为项目的初始时间。</translation>
    </message>
    <message>
        <source>Image size (default 1280x720).</source>
        <translation>图像尺寸（默认 1280x720）。</translation>
    </message>
    <message>
        <source>PNG file to write.</source>
        <translation>要写入的 PNG 文件。</translation>
    </message>
    <message>
        <source>Print first-frame time, draw calls and triangles.</source>
        <translation>输出首帧耗时、绘制调用数和三角形数。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>missing the project file</source>
        <translation>缺少项目文件</translation>
    </message>
    <message>
        <source>expected one project file, got %1</source>
        <translation>应指定一个项目文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>give exactly one of --view NAME or --look-at X,Y,Z</source>
        <translation>请只指定 --view NAME 或 --look-at X,Y,Z 中的一个</translation>
    </message>
    <message>
        <source>--lonlat only applies to --look-at</source>
        <translation>--lonlat 只能与 --look-at 一起使用</translation>
    </message>
    <message>
        <source>--look-at wants 3 or 6 comma-separated numbers, not &apos;%1&apos;</source>
        <translation>--look-at 需要 3 个或 6 个以逗号分隔的数字，而不是“%1”</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT (1 to 16384 each), not &apos;%1&apos;</source>
        <translation>--size 需要 宽x高（各为 1 到 16384），而不是“%1”</translation>
    </message>
    <message>
        <source>missing -o FILE (the PNG to write)</source>
        <translation>缺少 -o FILE（要写入的 PNG）</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>--time wants an ISO 8601 date-time such as 2026-11-02T08:30:00+08:00, not &apos;%1&apos;</source>
        <translation>--time 需要 ISO 8601 日期时间，如 2026-11-02T08:30:00+08:00，而不是“%1”</translation>
    </message>
    <message>
        <source>%1 has no view &apos;%2&apos; (views: %3)</source>
        <translation>%1 中没有视角“%2”（现有视角：%3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>--look-at RANGE must be positive</source>
        <translation>--look-at 的 RANGE 必须为正数</translation>
    </message>
    <message>
        <source>rendering needs an X display for OpenGL and DISPLAY is not set; on a headless machine run: xvfb-run -a %1 render ...</source>
        <translation>渲染需要 OpenGL 所用的 X 显示，但未设置 DISPLAY；在无显示器的机器上请运行：xvfb-run -a %1 render ...</translation>
    </message>
    <message>
        <source>warning: layer &apos;%1&apos; not drawn: %2</source>
        <translation>警告：图层“%1”未绘制：%2</translation>
    </message>
    <message>
        <source>the renderer returned an image in an unexpected pixel format</source>
        <translation>渲染器返回的图像像素格式不符合预期</translation>
    </message>
    <message>
        <source>%1: cannot write the PNG file</source>
        <translation>%1：无法写入 PNG 文件</translation>
    </message>
    <message>
        <source>first frame: %1 ms</source>
        <translation>首帧：%1 毫秒</translation>
    </message>
    <message>
        <source>draw calls:  %1</source>
        <translation>绘制调用：%1</translation>
    </message>
    <message>
        <source>triangles:   %1</source>
        <translation>三角形：  %1</translation>
    </message>
    <message>
        <source>time:        %1</source>
        <translation>时间：    %1</translation>
    </message>
    <message>
        <source>Draw only these layers: ids or kinds (e.g. elevation,imagery,3), comma-separated. Default: the layers the project shows.</source>
        <translation>只绘制这些图层：编号或类型（如 elevation,imagery,3），以逗号分隔。默认：项目中显示的图层。</translation>
    </message>
    <message>
        <source>Do not draw these layers: ids or kinds, comma-separated.</source>
        <translation>不绘制这些图层：编号或类型，以逗号分隔。</translation>
    </message>
    <message>
        <source>--%1: &apos;%2&apos; is neither a layer id nor a layer kind of %3</source>
        <translation>--%1：“%2”既不是 %3 中的图层编号，也不是图层类型</translation>
    </message>
    <message>
        <source>Contact the tile services (URLs) of the project&apos;s layers; without it they are not contacted and only local files are drawn.</source>
        <translation>连接项目图层的瓦片服务（URL）；不指定时不连接这些服务，只绘制本地文件。</translation>
    </message>
    <message>
        <source>Tile cache folder for services (default: the app&apos;s, see &apos;cache seed&apos;).</source>
        <translation>服务的瓦片缓存文件夹（默认：应用的缓存文件夹，参见“cache seed”）。</translation>
    </message>
    <message>
        <source> (--trust-services contacts it)</source>
        <translation>（使用 --trust-services 可连接）</translation>
    </message>
    <message>
        <source>See-through ground for underground views: 0 (hidden) … 1 (opaque, the default).</source>
        <translation>地下视图的透明地面：0（隐藏）… 1（不透明，默认）。</translation>
    </message>
    <message>
        <source>--ground-opacity wants a number from 0 to 1, not &apos;%1&apos;</source>
        <translation>--ground-opacity 需要 0 到 1 之间的数，而不是“%1”</translation>
    </message>
    <message>
        <source>--look-at X,Y are longitude,latitude (CGCS2000) and Z a height; so are the X,Y of --clip-box and --pit.</source>
        <translation>--look-at 的 X,Y 为经度,纬度（CGCS2000），Z 为高度；--clip-box 和 --pit 的 X,Y 也是如此。</translation>
    </message>
    <message>
        <source>Cut away the ground, buildings and models inside this box (local frame like --look-at, metres; heights in the local frame); pipes, manholes and underground spaces inside stay.</source>
        <translation>剖除此盒子内的地面、建筑和模型（与 --look-at 相同的局部坐标，单位米；高度为局部坐标）；盒内的管线、检查井和地下空间保留。</translation>
    </message>
    <message>
        <source>Dig an excavation pit inside this polygon: 3 to 64 space-separated X,Y points in the local frame (like --look-at), e.g. &quot;-10,-10 10,-10 10,10&quot;; its soil walls are drawn.</source>
        <translation>在此多边形内开挖基坑：3 到 64 个以空格分隔的局部坐标 X,Y 点（与 --look-at 相同），例如 &quot;-10,-10 10,-10 10,10&quot;；会绘制其土壁。</translation>
    </message>
    <message>
        <source>Depth of --pit below its lowest ground point, metres (default 5).</source>
        <translation>--pit 基坑在其最低地面点以下的深度，单位米（默认 5）。</translation>
    </message>
    <message>
        <source>--clip-box wants 6 comma-separated numbers XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX with some extent on every axis, not &apos;%1&apos;</source>
        <translation>--clip-box 需要 6 个以逗号分隔的数字 XMIN,YMIN,ZMIN,XMAX,YMAX,ZMAX，且每个轴上都有范围，而不是“%1”</translation>
    </message>
    <message>
        <source>--pit wants 3 to %1 space-separated X,Y points, not &apos;%2&apos;</source>
        <translation>--pit 需要 3 到 %1 个以空格分隔的 X,Y 点，而不是“%2”</translation>
    </message>
    <message>
        <source>--pit-depth wants a positive number of metres, not &apos;%1&apos;</source>
        <translation>--pit-depth 需要正数米数，而不是“%1”</translation>
    </message>
    <message>
        <source>--pit-depth only applies to --pit</source>
        <translation>--pit-depth 只能与 --pit 一起使用</translation>
    </message>
</context>
<context>
    <name>citytwin::app::cli::Section</name>
    <message numerus="yes">
        <source>section: %1 m, %n crossing(s)</source>
        <translation>
            <numerusform>断面：%1 米，%n 处交叉</numerusform>
        </translation>
    </message>
    <message>
        <source>no elevation layer: depths below ground are unknown (—)</source>
        <translation>没有高程图层：无法得知地面以下的埋深（—）</translation>
    </message>
    <message>
        <source>dist m</source>
        <translation>距离 米</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>pipe</source>
        <translation>管线</translation>
    </message>
    <message>
        <source>network</source>
        <translation>管线类型</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材质</translation>
    </message>
    <message>
        <source>size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>year</source>
        <translation>年代</translation>
    </message>
    <message>
        <source>ground z</source>
        <translation>地面 z</translation>
    </message>
    <message>
        <source>centre z</source>
        <translation>管中心 z</translation>
    </message>
    <message>
        <source>top</source>
        <translation>管顶</translation>
    </message>
    <message>
        <source>centre</source>
        <translation>管中心</translation>
    </message>
    <message>
        <source>bottom</source>
        <translation>管底</translation>
    </message>
    <message>
        <source>Lists the pipes a vertical section line crosses: distance along the line, network, material, size, install year, elevation and depth below ground (top, centre, bottom of the pipe).</source>
        <translation>列出一条纵断面线穿过的管线：沿线距离、管线类型、材质、尺寸、建设年代、高程及地面以下埋深（管顶、管中心、管底）。</translation>
    </message>
    <message>
        <source>The section line: two or more points &quot;X1,Y1 X2,Y2 ...&quot; in the project CRS (metres).</source>
        <translation>断面线：项目坐标系中两个或更多点 &quot;X1,Y1 X2,Y2 ...&quot;（单位米）。</translation>
    </message>
    <message>
        <source>--line points are longitude,latitude in degrees (EPSG:4326).</source>
        <translation>--line 的点为以度为单位的经度,纬度（EPSG:4326）。</translation>
    </message>
    <message>
        <source>Also write the crossings as CSV to FILE.</source>
        <translation>同时将交叉点以 CSV 格式写入 FILE。</translation>
    </message>
    <message>
        <source>Also draw the section profile into the PNG FILE.</source>
        <translation>同时将断面剖面图绘制到 PNG 文件 FILE 中。</translation>
    </message>
    <message>
        <source>Size of the --png image (default 1200x500).</source>
        <translation>--png 图像的尺寸（默认 1200x500）。</translation>
    </message>
    <message>
        <source>The project file (*.citytwin).</source>
        <translation>项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>missing the project file</source>
        <translation>缺少项目文件</translation>
    </message>
    <message>
        <source>expected one project file, got %1</source>
        <translation>应指定一个项目文件，实际为 %1 个</translation>
    </message>
    <message>
        <source>missing --line &quot;X1,Y1 X2,Y2 ...&quot;</source>
        <translation>缺少 --line &quot;X1,Y1 X2,Y2 ...&quot;</translation>
    </message>
    <message>
        <source>--line wants two or more points &quot;X1,Y1 X2,Y2 ...&quot;, not &apos;%1&apos;</source>
        <translation>--line 需要两个或更多点 &quot;X1,Y1 X2,Y2 ...&quot;，而不是“%1”</translation>
    </message>
    <message>
        <source>--lonlat: %1,%2 is not a longitude,latitude</source>
        <translation>--lonlat：%1,%2 不是经度,纬度</translation>
    </message>
    <message>
        <source>--size wants WIDTHxHEIGHT (1 to 16384 each), not &apos;%1&apos;</source>
        <translation>--size 需要 宽x高（各为 1 到 16384），而不是“%1”</translation>
    </message>
    <message>
        <source>%1: the folder does not exist</source>
        <translation>%1：文件夹不存在</translation>
    </message>
    <message>
        <source>%1: file not found</source>
        <translation>%1：找不到文件</translation>
    </message>
    <message>
        <source>--line: the points are all the same, the line has no length</source>
        <translation>--line：所有点都相同，断面线没有长度</translation>
    </message>
    <message>
        <source>%1 has no pipe layers</source>
        <translation>%1 没有管线图层</translation>
    </message>
    <message>
        <source>warning: layer &apos;%1&apos; not loaded: %2</source>
        <translation>警告：图层“%1”未加载：%2</translation>
    </message>
    <message>
        <source>note: %1 has no text labels (fonts need a QGuiApplication; this process runs without one)</source>
        <translation>注意：%1 没有文字标注（字体需要 QGuiApplication；此进程未使用它运行）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>3D digital twin of a city: terrain, buildings, underground, people and events on a timeline.</source>
        <translation>城市三维数字孪生：地形、建筑、地下空间、人员与事件，统一在时间轴上。</translation>
    </message>
    <message>
        <source>User interface language: zh_CN or en.</source>
        <translation>界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>Project file (*.citytwin) to open.</source>
        <translation>要打开的项目文件（*.citytwin）。</translation>
    </message>
    <message>
        <source>Save a picture of the window to FILE once the project has loaded, then quit.</source>
        <translation>项目加载完成后将窗口截图保存到 FILE，然后退出。</translation>
    </message>
</context>
</TS>
