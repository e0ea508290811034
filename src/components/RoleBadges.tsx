import { View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { roleBadges, type Role } from '../domain/roles';
import './RoleBadges.scss';

/** One Tag per role, in Chinese (e.g. 党务管理员). */
export function RoleBadges({ roles, labels }: { roles: readonly Role[]; labels?: readonly string[] }) {
  return (
    <View className="rp-roles">
      {roleBadges(roles, labels).map((b) => (
        <Tag key={b.role} className={`rp-roles__tag rp-roles__tag--${b.tone}`} type={b.tone === 'party' ? 'primary' : 'default'}>
          {b.label}
        </Tag>
      ))}
    </View>
  );
}
