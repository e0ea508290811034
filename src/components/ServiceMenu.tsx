import { View, Text } from '@tarojs/components';
import { Grid } from '@nutui/nutui-react-taro';
import { serviceMenu, type Viewer } from '../domain/menu';
import { openTarget } from '../utils/nav';
import './ServiceMenu.scss';

/** The center's service menu (党务办理 … 红色代办) as a 3-column grid: on 首页 and after a check-in. */
export function ServiceMenu({ viewer, phone }: { viewer: Viewer; phone?: string }) {
  const menu = serviceMenu(viewer);
  return (
    <View className="rp-card rp-service-menu">
      <Grid columns={3} onClick={(_item, index) => openTarget(menu[index].target, { title: menu[index].title, phone })}>
        {menu.map((m) => (
          <Grid.Item key={m.key} text={<Text className="rp-service-menu__text">{m.title}</Text>}>
            <View className="rp-glyph">{m.glyph}</View>
          </Grid.Item>
        ))}
      </Grid>
    </View>
  );
}
