<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
        <name>citytwin::app::LayerLoader</name>
        <message>
            <source>loading cancelled</source>
            <translation>加载已取消</translation>
        </message>
        <message>
            <source>layer '%1' has no source file</source>
            <translation>图层“%1”没有源文件</translation>
        </message>
        <message>
            <source>%1: file not found</source>
            <translation>%1：找不到文件</translation>
        </message>
        <message>
            <source>the terrain has an empty extent</source>
            <translation>地形范围为空</translation>
        </message>
        <message>
            <source>the DEM gave no terrain (no valid heights)</source>
            <translation>DEM 未生成地形（没有有效高程值）</translation>
        </message>
        <message>
            <source>%1: no buildings to draw</source>
            <translation>%1：没有可绘制的建筑</translation>
        </message>
        <message>
            <source>events can only come from the project file (source 'store:events'), not '%1'</source>
            <translation>事件只能来自项目文件（数据源“store:events”），而不是“%1”</translation>
        </message>
        <message>
            <source>the event markers could not be built</source>
            <translation>无法生成事件标记</translation>
        </message>
        <message>
            <source>%1 can only come from the project file (source '%2'), not '%3'</source>
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
            <source>layers of kind '%1' are not available in this version</source>
            <translation>此版本不支持“%1”类型的图层</translation>
        </message>
        <message>
            <source>only one %1 layer is supported; '%2' is used</source>
            <translation>只支持一个%1图层；使用“%2”</translation>
        </message>
        <message>
            <source>the project has no elevation layer</source>
            <translation>项目没有高程图层</translation>
        </message>
        <message>
            <source>no terrain to drape the imagery on: %1</source>
            <translation>没有可供叠加影像的地形：%1</translation>
        </message>
        <message>
            <source>%1: no layer could be loaded (%2)</source>
            <translation>%1：没有任何图层能够加载（%2）</translation>
        </message>
        <message>
            <source>%1 is open read-only; use Save As</source>
            <translation>%1 以只读方式打开；请使用“另存为”</translation>
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
        <name>citytwin::app::TimelineDock</name>
        <message>
            <source>Timeline</source>
            <translation>时间轴</translation>
        </message>
        <message>
            <source>Step back</source>
            <translation>后退一步</translation>
        </message>
        <message>
            <source>Step forward</source>
            <translation>前进一步</translation>
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
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Play</source>
            <translation>播放</translation>
        </message>
    </context>
    <context>
        <name>citytwin::app::cli::Cli</name>
        <message>
            <source>Try '%1 --help' for more information.</source>
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
            <source>Run '%1 COMMAND --help' for the options of a command.</source>
            <translation>运行“%1 命令 --help”查看该命令的选项。</translation>
        </message>
        <message>
            <source>no command given</source>
            <translation>未指定命令</translation>
        </message>
        <message>
            <source>unknown option '%1'</source>
            <translation>未知选项“%1”</translation>
        </message>
        <message>
            <source>unknown command '%1'</source>
            <translation>未知命令“%1”</translation>
        </message>
        <message>
            <source>Usage: %1 %2 %3</source>
            <translation>用法：%1 %2 %3</translation>
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
            <source>Overlays:     %1 people, %2 track points, %3 events, %4 assets, %5 sensor readings</source>
            <translation>叠加数据：    %1 名人员，%2 个轨迹点，%3 个事件，%4 项资产，%5 条传感器读数</translation>
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
            <source>--%1 wants a whole number from %2 to %3, not '%4'</source>
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
        <name>citytwin::app::cli::Render</name>
        <message>
            <source>Loads every layer of PROJECT, sets the time and renders one view offscreen to a PNG file.
Needs an X display for OpenGL; on a headless machine run it under xvfb-run -a.</source>
            <translation>加载 PROJECT 的所有图层，设置时间，并将一个视角离屏渲染为 PNG 文件。
OpenGL 需要 X 显示；在无显示器的机器上请用 xvfb-run -a 运行。</translation>
        </message>
        <message>
            <source>Saved view to render (see 'info').</source>
            <translation>要渲染的已保存视角（参见“info”）。</translation>
        </message>
        <message>
            <source>Camera target X,Y,Z in the local frame (metres from the project origin), optionally with HEADING,PITCH,RANGE (degrees, degrees, metres; default 0,-45,1000).</source>
            <translation>相机目标点 X,Y,Z（局部坐标，相对项目原点的米数），可附加 HEADING,PITCH,RANGE（度、度、米；默认 0,-45,1000）。</translation>
        </message>
        <message>
            <source>--look-at X,Y are longitude,latitude (CGCS2000) and Z a height.</source>
            <translation>--look-at 的 X,Y 为经度、纬度（CGCS2000），Z 为高度。</translation>
        </message>
        <message>
            <source>Scene time, ISO 8601 (e.g. 2026-11-02T08:30+08:00 or ...Z); without an offset it is in the project's time zone. Default: the view's time, else the project's initial time.</source>
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
            <source>--look-at wants 3 or 6 comma-separated numbers, not '%1'</source>
            <translation>--look-at 需要 3 个或 6 个以逗号分隔的数字，而不是“%1”</translation>
        </message>
        <message>
            <source>--size wants WIDTHxHEIGHT (1 to 16384 each), not '%1'</source>
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
            <source>--time wants an ISO 8601 date-time such as 2026-11-02T08:30:00+08:00, not '%1'</source>
            <translation>--time 需要 ISO 8601 日期时间，如 2026-11-02T08:30:00+08:00，而不是“%1”</translation>
        </message>
        <message>
            <source>%1 has no view '%2' (views: %3)</source>
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
            <source>warning: layer '%1' not drawn: %2</source>
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
            <source>--%1: '%2' is neither a layer id nor a layer kind of %3</source>
            <translation>--%1：“%2”既不是 %3 中的图层编号，也不是图层类型</translation>
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
